#!/usr/bin/env pwsh
# NeuralSynth build script. On Linux run it through the local tool manifest:
#   dotnet tool restore
#   dotnet pwsh ./build.ps1 [build|test|publish|vst3|bench|all] [-Configuration Release]
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'publish', 'vst3', 'bench', 'all')]
    [string]$Task = 'build',
    [string]$Configuration = 'Release',
    [string]$Output = (Join-Path $PSScriptRoot 'artifacts')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Step([string]$Name, [scriptblock]$Body) {
    Write-Host "==> $Name" -ForegroundColor Cyan
    & $Body
    if ($LASTEXITCODE -ne 0) { throw "$Name failed (exit code $LASTEXITCODE)" }
}

function Build {
    Invoke-Step 'build' { dotnet build (Join-Path $PSScriptRoot 'Plugin.sln') -c $Configuration }
}

function Test {
    Invoke-Step 'test' { dotnet test (Join-Path $PSScriptRoot 'Plugin.sln') -c $Configuration --logger 'console;verbosity=normal' }
    # The plug-in as hosts see it: the NativeAOT bundle driven by the native VST3 host.
    $bundle = Vst3
    Test-Vst3Bundle $bundle
    # The whole engine for one minute on a paced audio thread, at 64-sample host blocks: fails on any audio-thread
    # allocation (managed, or native through the malloc shim on Linux), NaN/Inf, overrun or late generated note.
    Invoke-Step 'soak (1 minute)' {
        $cli = Join-Path $PSScriptRoot 'src/NeuralSynth.Cli'
        if ($IsLinux) {
            $shim = & bash (Join-Path $PSScriptRoot 'native/malloc-count/build.sh')
            $env:LD_PRELOAD = $shim
            try { dotnet run --project $cli -c $Configuration --no-build -- soak --minutes 1 --block-size 64 }
            finally { Remove-Item Env:LD_PRELOAD }
        }
        else {
            dotnet run --project $cli -c $Configuration --no-build -- soak --minutes 1 --block-size 64
        }
    }
}

function Publish {
    $cli = Join-Path $Output 'cli'
    Invoke-Step 'publish CLI' {
        dotnet publish (Join-Path $PSScriptRoot 'src/NeuralSynth.Cli/NeuralSynth.Cli.csproj') -c $Configuration -o $cli
    }
    foreach ($folder in 'presets', 'models') {
        Copy-Item -Recurse -Force (Join-Path $PSScriptRoot $folder) (Join-Path $cli $folder)
    }
    Write-Host "CLI published to $cli"
    Vst3 | Out-Null
}

. (Join-Path $PSScriptRoot 'build.vst3.ps1')

function Bench {
    Invoke-Step 'bench' {
        dotnet run --project (Join-Path $PSScriptRoot 'src/NeuralSynth.Cli') -c Release -- bench
    }
}

switch ($Task) {
    'build'   { Build }
    'test'    { Test }
    'publish' { Publish }
    'vst3'    { Vst3 | Out-Null }
    'bench'   { Bench }
    'all'     { Build; Test; Publish }
}
