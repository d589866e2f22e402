// Small X11 helpers for the editor command, kept out of the JUCE translation units (Xlib's macros -- None,
// Bool, Status -- collide with JUCE names). Each opens its own connection to the display the host runs on.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace nshost::x11
{
// Installs an X error handler that records errors instead of exiting (Xlib's default). A DAW installs one;
// JUCE only does in a JUCEApplication, and without a window manager JUCE's own property reads fail (WM_STATE).
void installErrorRecorder();
// Errors recorded so far, as "request N: text" lines (the first 100), and how many per X request code.
std::vector<std::string> recordedErrors();
std::map<int, int> errorsByRequest();

// The deepest, largest mapped descendant of `top`: with JUCE's XEmbed host window in between, that is the
// plug-in's own child window. 0 when there is none.
unsigned long findPluginWindow(unsigned long top, int& width, int& height);

// A left-button drag inside `window` (press at from, motion in steps, release at to), delivered with
// XSendEvent straight to the window, as the X server would deliver real pointer events.
bool sendDrag(unsigned long window, int fromX, int fromY, int toX, int toY);

// The window's pixels as 0xAARRGGBB, or false (window not viewable, unsupported visual).
bool capture(unsigned long window, int& width, int& height, std::vector<uint32_t>& pixels, std::string& error);
} // namespace nshost::x11
