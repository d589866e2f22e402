using System.Security;

namespace NeuralSynth.Vst3.Editor.Browse;

/// <summary>What a row of the model browser is: it decides what a click does (enter, or add to the user's models).</summary>
internal enum BrowseEntryKind
{
    Parent,
    Folder,
    /// <summary>A folder with a manifest.json (RAVE, DDSP): copied whole.</summary>
    ModelFolder,
    /// <summary>A .nam, .json or .onnx file.</summary>
    ModelFile,
}

internal readonly record struct BrowseEntry(BrowseEntryKind Kind, string Name, string FullPath)
{
    public bool IsLoadable => Kind is BrowseEntryKind.ModelFolder or BrowseEntryKind.ModelFile;
}

/// <summary>
/// One directory's rows for the model browser: "..", folders, then model files, each sorted by name. Bounded
/// (a huge directory costs at most <see cref="MaxRead"/> entries) and never throws: the editor runs on the host's
/// UI thread, so an unreadable folder becomes <see cref="Problem"/> text in the panel instead.
/// </summary>
internal sealed class DirectoryListing
{
    public const int MaxRead = 2000;
    public const int MaxNameLength = 120;
    private static readonly string[] ModelExtensions = [".nam", ".json", ".onnx"];

    private DirectoryListing(string folder, IReadOnlyList<BrowseEntry> entries, string? problem, bool truncated)
    {
        Folder = folder;
        Entries = entries;
        Problem = problem;
        Truncated = truncated;
    }

    public string Folder { get; }
    public IReadOnlyList<BrowseEntry> Entries { get; }
    public string? Problem { get; }
    /// <summary>The directory had more than <see cref="MaxRead"/> entries; the rest are not shown.</summary>
    public bool Truncated { get; }

    public static DirectoryListing Read(string folder)
    {
        var rows = new List<BrowseEntry>();
        string full;
        try { full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or SecurityException)
        {
            return new DirectoryListing(folder, rows, e.Message, false);
        }
        if (full.Length == 0) full = Path.DirectorySeparatorChar.ToString();
        if (Path.GetDirectoryName(full) is { } parent) rows.Add(new BrowseEntry(BrowseEntryKind.Parent, "..", parent));

        var folders = new List<BrowseEntry>();
        var files = new List<BrowseEntry>();
        bool truncated = false;
        string? problem = null;
        try
        {
            // Hidden entries (dot files, ~/.cache...) and links are left out: a home folder stays short and a link loop cannot trap the list.
            var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint };
            int read = 0;
            foreach (var info in new DirectoryInfo(full).EnumerateFileSystemInfos("*", options))
            {
                if (++read > MaxRead) { truncated = true; break; }
                if (info.Name.StartsWith('.')) continue;
                if (info is DirectoryInfo)
                    folders.Add(new BrowseEntry(IsModelFolder(info.FullName) ? BrowseEntryKind.ModelFolder : BrowseEntryKind.Folder, Shorten(info.Name), info.FullName));
                else if (ModelExtensions.Contains(info.Extension.ToLowerInvariant()))
                    files.Add(new BrowseEntry(BrowseEntryKind.ModelFile, Shorten(info.Name), info.FullName));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or ArgumentException)
        {
            problem = e.Message;
        }
        folders.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));
        files.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));
        rows.AddRange(folders);
        rows.AddRange(files);
        return new DirectoryListing(full, rows, problem, truncated);
    }

    private static bool IsModelFolder(string folder)
    {
        try { return File.Exists(Path.Combine(folder, "manifest.json")); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException) { return false; }
    }

    // A file name can be 255 bytes; the panel shows at most a line of it.
    private static string Shorten(string name) => name.Length <= MaxNameLength ? name : name[..(MaxNameLength - 1)] + "…";
}
