<#
.SYNOPSIS
  Installs (or upgrades) BlazorKeyPortal as a Windows service.

.DESCRIPTION
  Copies a published folder to the install folder, creates the data folder
  (%ProgramData%\BlazorKeyPortal) with rights for the service's own virtual account only,
  registers the service "BlazorKeyPortal" (automatic start, restart on failure) running
  BlazorKeyPortal.exe in Production, and starts it. On an upgrade it stops the service, backs up
  the database, replaces the install folder, applies migrations and starts the service again.
  Settings live in %ProgramData%\BlazorKeyPortal\appsettings.json, outside the install folder.

.EXAMPLE
  dotnet publish src/BlazorKeyPortal -c Release -r win-x64 --self-contained false -o .\publish
  .\deploy\windows\Install-BlazorKeyPortal.ps1 -PublishedFolder .\publish
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PublishedFolder,
    [string] $InstallFolder = "$env:ProgramFiles\BlazorKeyPortal",
    [string] $DataFolder = "$env:ProgramData\BlazorKeyPortal",
    [string] $ServiceName = 'BlazorKeyPortal'
)
$ErrorActionPreference = 'Stop'

if (-not ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run this script as an administrator.'
}
if (-not (Test-Path (Join-Path $PublishedFolder 'BlazorKeyPortal.exe'))) {
    throw "No BlazorKeyPortal.exe in '$PublishedFolder': publish for Windows first (dotnet publish -r win-x64)."
}

$account = "NT SERVICE\$ServiceName"
$exe = Join-Path $InstallFolder 'BlazorKeyPortal.exe'
$existing = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue

# The data folder: database, token keys, backups, and the machine's settings file.
New-Item -ItemType Directory -Force -Path $DataFolder, (Join-Path $DataFolder 'backups') | Out-Null

if ($existing) {
    Write-Host "Stopping $ServiceName for the upgrade..."
    Stop-Service -Name $ServiceName
    $stamp = (Get-Date).ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'")
    & $exe backup --to (Join-Path $DataFolder "backups\portal-$stamp-before-upgrade.db")
    if ($LASTEXITCODE -ne 0) { throw 'The backup before the upgrade failed; the old version stays installed.' }
}

Write-Host "Copying $PublishedFolder to $InstallFolder..."
New-Item -ItemType Directory -Force -Path $InstallFolder | Out-Null
Get-ChildItem -Path $InstallFolder -Force | Remove-Item -Recurse -Force
Copy-Item -Path (Join-Path $PublishedFolder '*') -Destination $InstallFolder -Recurse -Force

if (-not $existing) {
    New-Service -Name $ServiceName -BinaryPathName "`"$exe`"" -DisplayName 'BlazorKeyPortal' `
        -Description 'Remote-support session keys: portal, command API and public sites.' -StartupType Automatic | Out-Null
    # Restart after 5 s on the first two failures, then after a minute; forget failures after a day.
    sc.exe failure $ServiceName reset= 86400 actions= restart/5000/restart/5000/restart/60000 | Out-Null
    # Run as the service's own virtual account, which has no password and no rights beyond what is granted here.
    sc.exe config $ServiceName obj= $account | Out-Null
}

# The service's environment: Production, and the data folder.
$key = "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName"
Set-ItemProperty -Path $key -Name Environment -Type MultiString -Value @(
    'ASPNETCORE_ENVIRONMENT=Production',
    'DOTNET_ENVIRONMENT=Production',
    "Portal__DataDirectory=$DataFolder"
)

# Only the service account, SYSTEM and administrators may read the data folder (it holds keys and secrets).
$acl = New-Object Security.AccessControl.DirectorySecurity
$acl.SetAccessRuleProtection($true, $false)
foreach ($who in @('NT AUTHORITY\SYSTEM', 'BUILTIN\Administrators', $account)) {
    $acl.AddAccessRule((New-Object Security.AccessControl.FileSystemAccessRule($who, 'Modify', 'ContainerInherit,ObjectInherit', 'None', 'Allow')))
}
Set-Acl -Path $DataFolder -AclObject $acl

$env:ASPNETCORE_ENVIRONMENT = 'Production'
$env:Portal__DataDirectory = $DataFolder
& $exe migrate
if ($LASTEXITCODE -ne 0) { throw 'Applying database migrations failed; see the line above.' }

Start-Service -Name $ServiceName
Write-Host "$ServiceName is running. Create the first administrator with:"
Write-Host "  `$env:ASPNETCORE_ENVIRONMENT='Production'; `$env:Portal__DataDirectory='$DataFolder'; & '$exe' users add NAME --role Admin"
