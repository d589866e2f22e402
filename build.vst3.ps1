# VST3 tasks for build.ps1 (dot-sourced; uses its $Configuration, $Output and Invoke-Step).
#   Vst3            publishes the NativeAOT library and lays out artifacts/NeuralSynth.vst3
#   Test-Vst3Bundle builds the native test host from native/ and runs the host-driven tests against the bundle

# Where the binary goes inside the bundle, per the VST3 bundle format.
function Get-Vst3Platform {
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    $cpu = @{ 'x64' = 'x86_64'; 'arm64' = 'aarch64' }[$arch]
    if (-not $cpu) { throw "VST3 bundle: unsupported architecture $arch" }
    if ($IsWindows) {
        $folder = if ($arch -eq 'arm64') { 'arm64-win' } else { 'x86_64-win' }
        return @{ Rid = "win-$arch"; Folder = $folder; Binary = 'NeuralSynth.vst3'; Native = 'NeuralSynth.Vst3.dll'; Libraries = @('*onnxruntime*.dll', 'libSkiaSharp.dll') }
    }
    if ($IsMacOS) {
        return @{ Rid = "osx-$arch"; Folder = 'MacOS'; Binary = 'NeuralSynth'; Native = 'NeuralSynth.Vst3.dylib'; Libraries = @('libonnxruntime*.dylib', 'libSkiaSharp.dylib') }
    }
    return @{ Rid = "linux-$arch"; Folder = "$cpu-linux"; Binary = 'NeuralSynth.so'; Native = 'NeuralSynth.Vst3.so'; Libraries = @('libonnxruntime*.so*', 'libSkiaSharp.so') }
}

# The model files the bundle ships: every model the plug-ins list (NAM captures, fx captures, RAVE and DDSP
# folders, the generator, Basic Pitch) with its manifest and license. Recipes, goldens, checkpoints, PyTorch
# weights and documentation stay in the repository.
function Get-Vst3ModelFiles {
    $models = Join-Path $PSScriptRoot 'models'
    $skipFolders = @('recipe', 'golden', 'checkpoint', 'work', 'demo', '__pycache__')
    $skipNames = @('golden.json', 'results.json')
    $skipExtensions = @('.pt', '.md', '.wav', '.py', '.sh', '.png', '.csv')
    $files = [System.Collections.Generic.List[string]]::new()
    foreach ($file in Get-ChildItem $models -Recurse -File) {
        $relative = [System.IO.Path]::GetRelativePath($models, $file.FullName).Replace('\', '/')
        $parts = $relative.Split('/')
        if (@($parts | Where-Object { $skipFolders -contains $_ }).Count -gt 0) { continue }
        if ($skipNames -contains $file.Name -or $skipExtensions -contains $file.Extension.ToLowerInvariant()) { continue }
        $files.Add($relative)
    }
    return $files | Sort-Object -Unique
}

# NativeAOT fixes the instruction set at compile time, and a build for more than the CPU has ends the process
# (the host's). On Linux x64 the bundle carries one build per x86-64 level and native/vst3-loader, which picks the
# best one this CPU runs; the portable build alone (SSE only: no AVX, no FMA) played 32 DDSP voices at 0.3x real
# time where the AVX2 build plays them at 7x. Elsewhere the portable build is the binary.
$Vst3X64Levels = @('x86-64-v2', 'x86-64-v3', 'x86-64-v4')

function Publish-Vst3([hashtable]$Platform, [string]$Level) {
    $suffix = if ($Level) { "-$Level" } else { '' }
    $publishDir = Join-Path $Output "obj/vst3-$($Platform.Rid)$suffix"
    $extra = @()
    if ($Level) {
        # Each level compiles and links in folders of its own: shared ones let an up-to-date library of one level
        # stand in for another's (the incremental link saw a newer .so and skipped).
        $extra = @("-p:IlcInstructionSet=$Level", "-p:NativeIntermediateOutputPath=$(Join-Path $Output "obj/native$suffix")/",
            "-p:NativeOutputPath=$(Join-Path $Output "obj/native-out$suffix")/")
    }
    Invoke-Step "publish VST3 (NativeAOT$(if ($Level) { ", $Level" }))" {
        dotnet publish (Join-Path $PSScriptRoot 'src/NeuralSynth.Vst3/NeuralSynth.Vst3.csproj') -c $Configuration -r $Platform.Rid -o $publishDir @extra
    } | Out-Host
    return $publishDir
}

function Vst3 {
    $platform = Get-Vst3Platform
    $levels = if ($IsLinux -and $platform.Rid -eq 'linux-x64') { $Vst3X64Levels } else { @() }
    $publishDirs = @{}
    if ($levels.Count -eq 0) { $publishDirs[''] = Publish-Vst3 $platform '' }
    foreach ($level in $levels) { $publishDirs[$level] = Publish-Vst3 $platform $level }
    $publishDir = @($publishDirs.Values)[0]

    $bundle = Join-Path $Output 'NeuralSynth.vst3'
    if (Test-Path $bundle) { Remove-Item -Recurse -Force $bundle }
    $binaryDir = Join-Path $bundle "Contents/$($platform.Folder)"
    New-Item -ItemType Directory -Force $binaryDir | Out-Null
    if ($levels.Count -eq 0) {
        Copy-Item (Join-Path $publishDir $platform.Native) (Join-Path $binaryDir $platform.Binary)
    }
    else {
        foreach ($level in $levels) {
            Copy-Item (Join-Path $publishDirs[$level] $platform.Native) (Join-Path $binaryDir "NeuralSynth-$level.so")
        }
        $loader = Join-Path $PSScriptRoot 'native/vst3-loader/loader.c'
        Invoke-Step 'VST3 loader (picks the build for this CPU)' {
            cc -O2 -fPIC -shared -fvisibility=hidden -Wall -Wextra -Werror -o (Join-Path $binaryDir $platform.Binary) $loader -ldl -lpthread
        } | Out-Host
    }
    # Native libraries the plug-in loads (ONNX Runtime when a model needs it, SkiaSharp when the editor opens) must
    # sit beside the binary: BundledNativeLibraries resolves them from there.
    foreach ($pattern in $platform.Libraries) {
        Get-ChildItem $publishDir -File -Filter $pattern | Copy-Item -Destination $binaryDir
    }

    $resources = Join-Path $bundle 'Contents/Resources'
    New-Item -ItemType Directory -Force $resources | Out-Null
    Copy-Item -Recurse (Join-Path $PSScriptRoot 'presets') (Join-Path $resources 'presets')
    foreach ($relative in Get-Vst3ModelFiles) {
        $target = Join-Path $resources "models/$relative"
        New-Item -ItemType Directory -Force (Split-Path $target -Parent) | Out-Null
        Copy-Item (Join-Path $PSScriptRoot "models/$relative") $target
    }
    Copy-Item (Join-Path $PSScriptRoot 'src/NeuralSynth.Vst3/moduleinfo.json') (Join-Path $resources 'moduleinfo.json')
    # The factory presets as .vstpreset files (Resources/Presets), for hosts that browse preset files rather than
    # the program list: written from the bundle's own presets and models by the plug-in's state code, through the
    # CLI's hidden vst3-presets command. `dotnet run` builds the CLI first when it is missing or stale (a clean clone).
    Invoke-Step 'VST3 factory presets (.vstpreset)' {
        dotnet run --project (Join-Path $PSScriptRoot 'src/NeuralSynth.Cli') -c $Configuration -- `
            vst3-presets --resources $resources --out (Join-Path $resources 'Presets')
    } | Out-Host

    if ($IsLinux) { Get-ChildItem $binaryDir -Filter 'NeuralSynth*.so' | ForEach-Object { Assert-Vst3Dependencies $_.FullName } }
    Write-Host "VST3 bundle: $bundle"
    return $bundle
}

# Every shared library the plug-in needs must resolve from the bundle or the system.
function Assert-Vst3Dependencies([string]$Binary) {
    $lines = & ldd $Binary 2>&1
    if ($LASTEXITCODE -ne 0) { throw "ldd $Binary failed: $lines" }
    $missing = @($lines | Where-Object { $_ -match 'not found' })
    if ($missing.Count -gt 0) { throw "VST3 bundle: unresolved libraries: $($missing -join '; ')" }
    Write-Host "ldd $((Split-Path $Binary -Leaf)): $((@($lines) | ForEach-Object { ($_ -split '\s+')[1] }) -join ' ')"
}

function Build-NativeHost {
    $native = Join-Path $PSScriptRoot 'native'
    $build = Join-Path $native 'build'
    Invoke-Step 'configure native host' { cmake -S $native -B $build -DCMAKE_BUILD_TYPE=Release } | Out-Host
    Invoke-Step 'build native host' { cmake --build $build --target neuralsynth-vst3-host --parallel 2 } | Out-Host
    $hostExe = Join-Path $build 'neuralsynth-vst3-host'
    if (-not (Test-Path $hostExe)) { throw "native host not found at $hostExe" }
    return $hostExe
}

function Test-Vst3Bundle([string]$Bundle) {
    if (-not $IsLinux -or -not (Test-Path (Join-Path $PSScriptRoot 'native/CMakeLists.txt'))) {
        Write-Host 'VST3 host tests: the native host builds on Linux only; skipped'
        return
    }
    $hostExe = Build-NativeHost
    $env:NEURALSYNTH_VST3_BUNDLE = $Bundle
    $env:NEURALSYNTH_VST3_HOST = $hostExe
    try {
        Invoke-Step 'VST3 host tests' {
            dotnet test (Join-Path $PSScriptRoot 'tests/NeuralSynth.Vst3.Tests/NeuralSynth.Vst3.Tests.csproj') -c $Configuration --no-build `
                --filter 'Category=NativeHost' --logger 'console;verbosity=normal'
        }
        # The plug-in's own editor inside the JUCE host on a virtual X display (24-bit: the editor blits BGRX
        # pixels): open/close x100 with resizes while processing, a knob dragged with X events, screenshots.
        if (-not (Get-Command xvfb-run -ErrorAction SilentlyContinue)) { throw 'xvfb-run not found: run native/install-deps.sh' }
        Invoke-Step 'VST3 editor tests (Xvfb)' {
            xvfb-run -a -s '-screen 0 1600x1200x24' dotnet test (Join-Path $PSScriptRoot 'tests/NeuralSynth.Vst3.Tests/NeuralSynth.Vst3.Tests.csproj') `
                -c $Configuration --no-build --filter 'Category=Editor' --logger 'console;verbosity=normal'
        }
        # A real DAW: Ardour 7 headless (native/ardour) renders the instrument and the effect in each mode and
        # saves and reopens a session.
        Invoke-Step 'Ardour tests' {
            dotnet test (Join-Path $PSScriptRoot 'tests/NeuralSynth.Vst3.Tests/NeuralSynth.Vst3.Tests.csproj') -c $Configuration --no-build `
                --filter 'Category=Ardour' --logger 'console;verbosity=normal'
        }
    }
    finally {
        Remove-Item Env:NEURALSYNTH_VST3_BUNDLE, Env:NEURALSYNTH_VST3_HOST -ErrorAction SilentlyContinue
    }
}
