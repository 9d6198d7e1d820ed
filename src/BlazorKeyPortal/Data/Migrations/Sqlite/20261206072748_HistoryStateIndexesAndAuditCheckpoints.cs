using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorKeyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HistoryStateIndexesAndAuditCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_ExternalKey_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_IssuedBy_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_QueueKind_QueueId_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_QueueTeamId_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_Redeemed_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_Revoked_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_SiteId_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_Unused_ExpiresAt",
                table: "SessionKeys");

            migrationBuilder.CreateTable(
                name: "AuditCheckpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    VerifiedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Full = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCheckpoints", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_ExternalKey_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "ExternalKey", "IssuedAt", "ExpiresAt", "RedeemedAt", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_IssuedBy_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "IssuedBy", "IssuedAt", "IssuerKind", "ExpiresAt", "RedeemedAt", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_QueueKind_QueueId_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "QueueKind", "QueueId", "IssuedAt", "ExpiresAt", "RedeemedAt", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_QueueTeamId_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "QueueTeamId", "IssuedAt", "ExpiresAt", "RedeemedAt", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_Redeemed_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "IssuedAt", "RedeemedAt", "RevokedAt" },
                filter: "[RedeemedAt] IS NOT NULL AND [RevokedAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_Revoked_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "IssuedAt", "RevokedAt" },
                filter: "[RevokedAt] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_SiteId_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "SiteId", "IssuedAt", "ExpiresAt", "RedeemedAt", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_Unused_ExpiresAt",
                table: "SessionKeys",
                columns: new[] { "ExpiresAt", "IssuedAt", "RedeemedAt", "RevokedAt" },
                filter: "[RedeemedAt] IS NULL AND [RevokedAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditCheckpoints_Sequence",
                table: "AuditCheckpoints",
                column: "Sequence");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditCheckpoints");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_ExternalKey_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_IssuedBy_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_QueueKind_QueueId_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_QueueTeamId_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_Redeemed_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_Revoked_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_SiteId_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_Unused_ExpiresAt",
                table: "SessionKeys");

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_ExternalKey_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "ExternalKey", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_IssuedBy_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "IssuedBy", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_QueueKind_QueueId_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "QueueKind", "QueueId", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_QueueTeamId_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "QueueTeamId", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_Redeemed_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "IssuedAt", "RedeemedAt" },
                filter: "[RedeemedAt] IS NOT NULL AND [RevokedAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_Revoked_IssuedAt",
                table: "SessionKeys",
                column: "IssuedAt",
                filter: "[RevokedAt] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_SiteId_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "SiteId", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_Unused_ExpiresAt",
                table: "SessionKeys",
                column: "ExpiresAt",
                filter: "[RedeemedAt] IS NULL AND [RevokedAt] IS NULL");
        }
    }
}
