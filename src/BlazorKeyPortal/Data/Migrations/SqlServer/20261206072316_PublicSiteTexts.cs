using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorKeyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PublicSiteTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PublicSiteTexts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    Language = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Notice = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    InvitationSubject = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    InvitationBody = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicSiteTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicSiteTexts_PublicSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "PublicSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublicSiteTexts_SiteId_Language",
                table: "PublicSiteTexts",
                columns: new[] { "SiteId", "Language" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublicSiteTexts");
        }
    }
}
