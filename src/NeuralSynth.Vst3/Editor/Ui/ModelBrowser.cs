using NeuralSynth.Product.Models;
using NeuralSynth.Vst3.Editor.Browse;
using NeuralSynth.Vst3.Plugin;
using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// The in-editor file browser behind "Add model from disk…" (a plug-in has no toolkit file dialog, and the editor
/// has no keyboard): an overlay listing one folder — "..", folders, model folders (with a manifest.json), then
/// .nam/.json/.onnx files. A click on a folder enters it; a click on a model copies it into the user model folder
/// (<see cref="ModelImport"/>) and selects it through the Effect Model parameter (its place in the list, or the
/// instance's "model from disk" value when the list, fixed when the plug-in loaded, does not have it).
/// The list scrolls with the wheel or the scroll bar; a click outside the panel or on × closes it.
/// </summary>
internal sealed class ModelBrowser : Widget
{
    public const float Row = 22f;
    private const float Margin = 24f, TitleHeight = 30f, PathHeight = 20f, StatusHeight = 40f, ScrollBarWidth = 12f;
    // A copy this big would freeze the host's UI thread for a noticeable time: it runs on the thread pool instead.
    private const long BackgroundCopyBytes = 8L * 1024 * 1024;

    private DirectoryListing _listing;
    private int _first;
    private bool _draggingScrollBar;
    private Task<ModelImportResult>? _copying;
    private string _copyingName = "";

    public ModelBrowser(EditorUi ui, string? startFolder)
    {
        string start = string.IsNullOrEmpty(startFolder) ? Path.GetPathRoot(Environment.CurrentDirectory) ?? "/" : startFolder;
        _listing = DirectoryListing.Read(start);
        Place(ui);
    }

    public DirectoryListing Listing => _listing;
    /// <summary>The outcome of the last click on a model, in words (shown at the bottom of the panel).</summary>
    public string? StatusText { get; private set; }
    public bool StatusIsProblem { get; private set; }
    public bool Copying => _copying != null;

    private SKRect ListArea => new(Bounds.Left + 10, Bounds.Top + TitleHeight + PathHeight, Bounds.Right - 10 - ScrollBarWidth - 4, Bounds.Bottom - StatusHeight);
    private SKRect ScrollTrack => new(Bounds.Right - 10 - ScrollBarWidth, ListArea.Top, Bounds.Right - 10, ListArea.Bottom);
    private SKRect CloseBox => new(Bounds.Right - 34, Bounds.Top + 4, Bounds.Right - 8, Bounds.Top + 28);
    private int VisibleRows => Math.Max(1, (int)(ListArea.Height / Row));
    private int MaxFirst => Math.Max(0, _listing.Entries.Count - VisibleRows);

    /// <summary>The rectangle of entry <paramref name="index"/> while it is visible (tests click it), else empty.</summary>
    public SKRect RowBounds(int index)
    {
        int row = index - _first;
        if (row < 0 || row >= VisibleRows || index >= _listing.Entries.Count) return SKRect.Empty;
        var list = ListArea;
        return new SKRect(list.Left, list.Top + row * Row, list.Right, list.Top + (row + 1) * Row);
    }

    public override void Draw(SKCanvas canvas, EditorUi ui)
    {
        Place(ui);
        using (var shade = Ink.Fill(new SKColor(0, 0, 0, 140))) canvas.DrawRect(new SKRect(0, 0, ui.Size.Width, ui.Size.Height), shade);
        using (var fill = Ink.Fill(Theme.Panel)) canvas.DrawRoundRect(Bounds, 8, 8, fill);
        using (var edge = Ink.Stroke(Theme.Accent, 1f)) canvas.DrawRoundRect(Bounds, 8, 8, edge);
        Ink.Text(canvas, "Add a model from disk: click a .nam, .json, .onnx file or a model folder", Bounds.Left + 12, Bounds.Top + 20,
            Theme.LabelSize + 1, Theme.Text, SKTextAlign.Left, Bounds.Width - 60);
        Ink.Text(canvas, "×", CloseBox.MidX, CloseBox.MidY + 7, 20, Theme.TextDim, SKTextAlign.Center);
        Ink.Text(canvas, _listing.Folder, Bounds.Left + 12, Bounds.Top + TitleHeight + 12, Theme.ValueSize, Theme.TextDim, SKTextAlign.Left, Bounds.Width - 24);

        var list = ListArea;
        using (var back = Ink.Fill(Theme.Background)) canvas.DrawRect(new SKRect(list.Left, list.Top, ScrollTrack.Right, list.Bottom), back);
        for (int index = _first; index < _listing.Entries.Count && index < _first + VisibleRows; index++) DrawRow(canvas, index);
        if (_listing.Entries.Count <= 1 && _listing.Problem == null)
            Ink.Text(canvas, "No folders or model files here.", list.Left + 8, list.Top + Row * 1.5f + 4, Theme.LabelSize, Theme.TextDim);
        DrawScrollBar(canvas);

        string? bottom = Copying ? $"Copying {_copyingName}…" : StatusText;
        bool problem = !Copying && StatusIsProblem;
        if (_listing.Problem != null && bottom == null) (bottom, problem) = ("This folder cannot be read: " + _listing.Problem, true);
        else if (_listing.Truncated && bottom == null) bottom = $"Only the first {DirectoryListing.MaxRead} entries of this folder are listed.";
        if (bottom != null)
        {
            float y = list.Bottom + 15;
            foreach (string line in Ink.Wrap(bottom, Theme.ValueSize, Bounds.Width - 24, 2))
            {
                Ink.Text(canvas, line, Bounds.Left + 12, y, Theme.ValueSize, problem ? Theme.Error : Theme.Good);
                y += 14;
            }
        }
    }

    private void DrawRow(SKCanvas canvas, int index)
    {
        var entry = _listing.Entries[index];
        var rect = RowBounds(index);
        if (index % 2 == 1)
            using (var stripe = Ink.Fill(Theme.Panel.WithAlpha(90))) canvas.DrawRect(rect, stripe);
        (string text, SKColor color, string? action) = entry.Kind switch
        {
            BrowseEntryKind.Parent => ("..  (up)", Theme.TextDim, null),
            BrowseEntryKind.Folder => (entry.Name + "/", Theme.Text, null),
            BrowseEntryKind.ModelFolder => (entry.Name + "/", Theme.Accent, "model folder · add"),
            _ => (entry.Name, Theme.Accent, "add"),
        };
        float actionWidth = action == null ? 0 : 130;
        Ink.Text(canvas, text, rect.Left + 8, rect.MidY + 4.5f, Theme.LabelSize, color, SKTextAlign.Left, rect.Width - 16 - actionWidth);
        if (action != null) Ink.Text(canvas, action, rect.Right - 8, rect.MidY + 4, Theme.ValueSize, Theme.TextDim, SKTextAlign.Right);
    }

    private void DrawScrollBar(SKCanvas canvas)
    {
        var track = ScrollTrack;
        using (var back = Ink.Fill(Theme.Track.WithAlpha(120))) canvas.DrawRoundRect(track, 4, 4, back);
        int count = _listing.Entries.Count;
        if (count <= VisibleRows) return;
        float height = Math.Max(20, track.Height * VisibleRows / count);
        float top = track.Top + (track.Height - height) * _first / MaxFirst;
        using var thumb = Ink.Fill(Theme.Accent);
        canvas.DrawRoundRect(new SKRect(track.Left + 2, top, track.Right - 2, top + height), 4, 4, thumb);
    }

    public override bool MouseDown(SKPoint point, bool doubleClick, EditorUi ui)
    {
        Place(ui);
        if (!Bounds.Contains(point) || CloseBox.Contains(point))
        {
            if (!Copying) ui.ClosePopup(); // the copy's result still has to be shown
            return false;
        }
        if (ScrollTrack.Contains(point) && _listing.Entries.Count > VisibleRows)
        {
            _draggingScrollBar = true;
            ScrollTo(point);
            return true;
        }
        var list = ListArea;
        if (!list.Contains(point) || Copying) return false;
        int index = _first + (int)((point.Y - list.Top) / Row);
        if (index < _listing.Entries.Count) Click(_listing.Entries[index], ui);
        return false;
    }

    public override void Drag(SKPoint point, EditorUi ui)
    {
        if (_draggingScrollBar) ScrollTo(point);
    }

    public override void MouseUp(SKPoint point, EditorUi ui) => _draggingScrollBar = false;

    public override void Wheel(float notches, EditorUi ui) => _first = Math.Clamp(_first - (int)Math.Round(notches * 3), 0, MaxFirst);

    /// <summary>A background copy has finished: add it like a small one (on the UI thread, where parameters are edited).</summary>
    public override void Poll(EditorUi ui)
    {
        if (_copying is not { IsCompleted: true } copying) return;
        _copying = null;
        Finish(copying.IsCompletedSuccessfully ? copying.Result : new ModelImportResult(null, false, copying.Exception?.InnerException?.Message ?? "the copy failed"), ui);
    }

    public override void Fingerprint(ref HashCode hash, EditorUi ui)
    {
        hash.Add(_listing);
        hash.Add(_first);
        hash.Add(StatusText);
        hash.Add(Copying);
    }

    private void ScrollTo(SKPoint point)
    {
        var track = ScrollTrack;
        _first = Math.Clamp((int)Math.Round((point.Y - track.Top) / track.Height * _listing.Entries.Count - VisibleRows / 2.0), 0, MaxFirst);
    }

    private void Click(BrowseEntry entry, EditorUi ui)
    {
        if (!entry.IsLoadable)
        {
            _listing = DirectoryListing.Read(entry.FullPath);
            _first = 0;
            return;
        }
        if (ui.Model.UserModelFolder is not { } userFolder)
        {
            Report("There is no user model folder (neither XDG_DATA_HOME nor HOME is set).", problem: true);
            return;
        }
        long bytes = ModelImport.Measure(entry.FullPath, out string? tooBig);
        if (tooBig != null)
        {
            Report(tooBig, problem: true);
            return;
        }
        _copyingName = entry.Name;
        if (bytes > BackgroundCopyBytes)
        {
            _copying = Task.Run(() => ModelImport.Import(entry.FullPath, userFolder));
            return;
        }
        Finish(ModelImport.Import(entry.FullPath, userFolder), ui);
    }

    private void Finish(ModelImportResult result, EditorUi ui)
    {
        if (result.Path is not { } path)
        {
            Report($"{_copyingName} was not added: {result.Problem}", problem: true);
            return;
        }
        string name = Path.GetFileName(path);
        string where = result.AlreadyThere ? $"{name} is already in your models" : $"{name} was copied to your models";
        // Rescan the user folder the way the plug-in does when it loads: a .json that is not a capture, or a
        // folder whose manifest is not an effect model, is copied but would never be listed.
        var userRoot = new ModelRoot(Path.GetDirectoryName(path)!, IsUser: true);
        var entry = ModelLibrary.Scan([userRoot]).Effects.FirstOrDefault(e => SamePath(e.FullPath, path));
        if (entry == null)
        {
            Report($"{where}, but NeuralSynth does not recognise it as an effect model, so it will not be listed.", problem: true);
            return;
        }
        // A model the Effect Model list has is chosen there; one added since the plug-in loaded plays as this
        // instance's model from disk. Either way it is one gesture, so the host records it and saves it.
        int value = ui.Model.UseEffectModel(entry);
        if (value < 1)
        {
            Report($"{where}, but this editor is not connected to the plug-in's audio processor, so it cannot play it.", problem: true);
            return;
        }
        uint id = ParameterIds.Model;
        ParameterGesture.Once(ui.Model, id, ParameterGesture.OfIndex(value, ui.Model.StepCount(id)));
        Report($"{where} and is now the effect model.", problem: false);
    }

    private void Report(string text, bool problem)
    {
        StatusText = text;
        StatusIsProblem = problem;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>The panel covers the editor below the header, whatever the window's size.</summary>
    private void Place(EditorUi ui) =>
        Bounds = new SKRect(Margin, Header.Height + 4, Math.Max(Margin + 300, ui.Size.Width - Margin), Math.Max(Header.Height + 200, ui.Size.Height - Margin));
}
