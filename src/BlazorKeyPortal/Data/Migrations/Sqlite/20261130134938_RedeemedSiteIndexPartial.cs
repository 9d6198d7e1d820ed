using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorKeyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RedeemedSiteIndexPartial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_RedeemedSiteId",
                table: "SessionKeys");

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_RedeemedSiteId",
                table: "SessionKeys",
                column: "RedeemedSiteId",
                filter: "[RedeemedSiteId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_RedeemedSiteId",
                table: "SessionKeys");

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_RedeemedSiteId",
                table: "SessionKeys",
                column: "RedeemedSiteId");
        }
    }
}
