using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorKeyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HistoryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_ExternalKey",
                table: "SessionKeys");

            migrationBuilder.AlterColumn<string>(
                name: "ExternalKey",
                table: "SessionKeys",
                type: "TEXT",
                maxLength: 1024,
                nullable: true,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 1024,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_ExpiresAt",
                table: "SessionKeys",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_ExternalKey_IssuedAt",
                table: "SessionKeys",
                columns: new[] { "ExternalKey", "IssuedAt" });

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
                name: "IX_SessionKeys_Unused_ExpiresAt",
                table: "SessionKeys",
                column: "ExpiresAt",
                filter: "[RedeemedAt] IS NULL AND [RevokedAt] IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_ExpiresAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_ExternalKey_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_Redeemed_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_Revoked_IssuedAt",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_Unused_ExpiresAt",
                table: "SessionKeys");

            migrationBuilder.AlterColumn<string>(
                name: "ExternalKey",
                table: "SessionKeys",
                type: "TEXT",
                maxLength: 1024,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 1024,
                oldNullable: true,
                oldCollation: "NOCASE");

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_ExternalKey",
                table: "SessionKeys",
                column: "ExternalKey");
        }
    }
}
