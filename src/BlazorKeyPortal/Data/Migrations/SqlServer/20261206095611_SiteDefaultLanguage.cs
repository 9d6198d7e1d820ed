using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorKeyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SiteDefaultLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DefaultLanguage",
                table: "PublicSites",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DefaultLanguage",
                table: "PublicSites");
        }
    }
}
