using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>The editor's colours and text sizes in one place, so every widget agrees.</summary>
internal static class Theme
{
    public static readonly SKColor Background = new(0x1B, 0x1E, 0x24);
    public static readonly SKColor Panel = new(0x25, 0x29, 0x31);
    public static readonly SKColor PanelEdge = new(0x34, 0x3A, 0x45);
    public static readonly SKColor Text = new(0xE6, 0xE9, 0xEE);
    public static readonly SKColor TextDim = new(0x93, 0x9B, 0xA8);
    public static readonly SKColor Accent = new(0x4F, 0xB3, 0xFF);
    public static readonly SKColor AccentDim = new(0x2A, 0x4A, 0x66);
    public static readonly SKColor Track = new(0x3A, 0x40, 0x4C);
    public static readonly SKColor Good = new(0x5C, 0xD1, 0x7A);
    public static readonly SKColor Warn = new(0xF2, 0xB1, 0x3C);
    public static readonly SKColor Error = new(0xF2, 0x5C, 0x54);

    public const float TitleSize = 18f;
    public const float LabelSize = 12f;
    public const float ValueSize = 11f;
    public const float Padding = 12f;
}
