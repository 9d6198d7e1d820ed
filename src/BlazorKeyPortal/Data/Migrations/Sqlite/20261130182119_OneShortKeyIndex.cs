using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorKeyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneShortKeyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The new unique index first: the old one's guarantee (one live key per short key) never lapses.
            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_ShortKey_LiveShortKey",
                table: "SessionKeys",
                columns: new[] { "ShortKey", "LiveShortKey" },
                unique: true);

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_LiveShortKey",
                table: "SessionKeys");

            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_ShortKey",
                table: "SessionKeys");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SessionKeys_ShortKey_LiveShortKey",
                table: "SessionKeys");

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_LiveShortKey",
                table: "SessionKeys",
                column: "LiveShortKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionKeys_ShortKey",
                table: "SessionKeys",
                column: "ShortKey");
        }
    }
}
