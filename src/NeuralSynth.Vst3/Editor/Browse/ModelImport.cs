using System.Security;

namespace NeuralSynth.Vst3.Editor.Browse;

/// <summary>The outcome of adding a model to the user's folder: where it is now, or why it is not there.</summary>
/// <param name="Path">The model in the user folder (file, or folder for RAVE/DDSP), or null on failure.</param>
/// <param name="AlreadyThere">The user folder already had an identical copy under that name; nothing was copied.</param>
/// <param name="Problem">Why nothing was added, in words.</param>
internal readonly record struct ModelImportResult(string? Path, bool AlreadyThere, string? Problem);

/// <summary>
/// Copies a model file or model folder into the user model folder. Never overwrites: a different file of the
/// same name gets a numeric suffix ("amp-2.nam"), an identical one is reused. Bounded, since the source is
/// whatever the user clicked: at most <see cref="MaxBytes"/> and <see cref="MaxFolderFiles"/> files. A folder is
/// copied under a hidden temporary name and renamed at the end, so a failed copy never shows up as a model.
/// </summary>
internal static class ModelImport
{
    public const long MaxBytes = 512L * 1024 * 1024;
    public const int MaxFolderFiles = 64;
    private const int MaxSuffix = 999;

    /// <summary>Bytes a copy of <paramref name="source"/> would write, or a problem when it is over the bounds.</summary>
    public static long Measure(string source, out string? problem)
    {
        problem = null;
        try
        {
            if (File.Exists(source))
            {
                long length = new FileInfo(source).Length;
                if (length > MaxBytes) problem = $"{System.IO.Path.GetFileName(source)} is {length / (1024 * 1024)} MiB; models over {MaxBytes / (1024 * 1024)} MiB are not copied.";
                return length;
            }
            var files = FolderFiles(source, out problem);
            long total = files.Sum(f => f.Length);
            if (problem == null && total > MaxBytes) problem = $"{System.IO.Path.GetFileName(source)} holds {total / (1024 * 1024)} MiB; models over {MaxBytes / (1024 * 1024)} MiB are not copied.";
            return total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or ArgumentException)
        {
            problem = e.Message;
            return 0;
        }
    }

    public static ModelImportResult Import(string source, string userFolder)
    {
        try
        {
            Measure(source, out string? problem);
            if (problem != null) return new ModelImportResult(null, false, problem);
            Directory.CreateDirectory(userFolder);
            return File.Exists(source) ? ImportFile(source, userFolder) : ImportFolder(source, userFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or ArgumentException or NotSupportedException)
        {
            return new ModelImportResult(null, false, e.Message);
        }
    }

    private static ModelImportResult ImportFile(string source, string userFolder)
    {
        string stem = System.IO.Path.GetFileNameWithoutExtension(source), extension = System.IO.Path.GetExtension(source);
        for (int n = 1; n <= MaxSuffix; n++)
        {
            string target = System.IO.Path.Combine(userFolder, n == 1 ? stem + extension : $"{stem}-{n}{extension}");
            if (File.Exists(target))
            {
                if (SameFile(source, target)) return new ModelImportResult(target, true, null);
                continue;
            }
            if (Directory.Exists(target)) continue;
            File.Copy(source, target, overwrite: false);
            return new ModelImportResult(target, false, null);
        }
        return new ModelImportResult(null, false, $"your model folder already has {MaxSuffix} models named {stem}.");
    }

    private static ModelImportResult ImportFolder(string source, string userFolder)
    {
        string name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(source));
        var files = FolderFiles(source, out _);
        for (int n = 1; n <= MaxSuffix; n++)
        {
            string target = System.IO.Path.Combine(userFolder, n == 1 ? name : $"{name}-{n}");
            if (Directory.Exists(target))
            {
                if (SameFolder(source, files, target)) return new ModelImportResult(target, true, null);
                continue;
            }
            if (File.Exists(target)) continue;
            string partial = System.IO.Path.Combine(userFolder, $".{name}.partial-{Environment.ProcessId}");
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
            try
            {
                foreach (var file in files)
                {
                    string copy = System.IO.Path.Combine(partial, System.IO.Path.GetRelativePath(source, file.FullName));
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
                    file.CopyTo(copy, overwrite: false);
                }
                Directory.Move(partial, target);
            }
            catch
            {
                if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
                throw;
            }
            return new ModelImportResult(target, false, null);
        }
        return new ModelImportResult(null, false, $"your model folder already has {MaxSuffix} models named {name}.");
    }

    /// <summary>The folder's files (links left out), or a problem when there are more than <see cref="MaxFolderFiles"/>.</summary>
    private static List<FileInfo> FolderFiles(string folder, out string? problem)
    {
        problem = null;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false, MaxRecursionDepth = 8 };
        var files = new List<FileInfo>();
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", options))
        {
            if (files.Count == MaxFolderFiles)
            {
                problem = $"{System.IO.Path.GetFileName(folder)} has more than {MaxFolderFiles} files; a model folder is a manifest and a few model files.";
                break;
            }
            files.Add(file);
        }
        return files;
    }

    private static bool SameFolder(string source, List<FileInfo> files, string target)
    {
        if (Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Count() != files.Count) return false;
        foreach (var file in files)
        {
            string other = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file.FullName));
            if (!File.Exists(other) || !SameFile(file.FullName, other)) return false;
        }
        return true;
    }

    private static bool SameFile(string a, string b)
    {
        using var first = File.OpenRead(a);
        using var second = File.OpenRead(b);
        if (first.Length != second.Length) return false;
        var x = new byte[64 * 1024];
        var y = new byte[64 * 1024];
        while (true)
        {
            int read = first.ReadAtLeast(x, x.Length, throwOnEndOfStream: false);
            if (read == 0) return true;
            second.ReadExactly(y, 0, read);
            if (!x.AsSpan(0, read).SequenceEqual(y.AsSpan(0, read))) return false;
        }
    }
}
