using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Data;

/// <summary>Production data on SQL Server.</summary>
public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options);
