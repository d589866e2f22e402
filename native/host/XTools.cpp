#include "XTools.h"

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <unistd.h>

namespace nshost::x11
{
namespace
{
std::vector<std::string> errors;
std::map<int, int> byRequest;

int recordError(Display* display, XErrorEvent* event)
{
    char text[128] = {};
    XGetErrorText(display, event->error_code, text, sizeof text);
    ++byRequest[(int) event->request_code];
    if (errors.size() < 100)
        errors.push_back("request " + std::to_string((int) event->request_code) + ": " + text);
    return 0;
}

struct Connection
{
    Display* display = XOpenDisplay(nullptr);
    ~Connection()
    {
        if (display != nullptr)
            XCloseDisplay(display);
    }
};

void deepest(Display* d, Window w, int depth, int& bestDepth, long& bestArea, Window& best, int& bw, int& bh)
{
    XWindowAttributes a;
    if (!XGetWindowAttributes(d, w, &a) || a.map_state != IsViewable)
        return;
    long area = (long) a.width * a.height;
    if (depth > bestDepth || (depth == bestDepth && area > bestArea))
    {
        bestDepth = depth;
        bestArea = area;
        best = w;
        bw = a.width;
        bh = a.height;
    }
    Window root = 0, parent = 0, *children = nullptr;
    unsigned int count = 0;
    if (XQueryTree(d, w, &root, &parent, &children, &count))
    {
        for (unsigned int i = 0; i < count; ++i)
            deepest(d, children[i], depth + 1, bestDepth, bestArea, best, bw, bh);
        if (children != nullptr)
            XFree(children);
    }
}

void send(Display* d, Window w, int type, long mask, int x, int y, unsigned int state)
{
    XEvent e{};
    e.type = type;
    if (type == MotionNotify)
    {
        e.xmotion.display = d;
        e.xmotion.window = w;
        e.xmotion.x = x;
        e.xmotion.y = y;
        e.xmotion.state = state;
        e.xmotion.same_screen = True;
        e.xmotion.time = CurrentTime;
    }
    else
    {
        e.xbutton.display = d;
        e.xbutton.window = w;
        e.xbutton.x = x;
        e.xbutton.y = y;
        e.xbutton.button = Button1;
        e.xbutton.state = state;
        e.xbutton.same_screen = True;
        e.xbutton.time = CurrentTime;
    }
    XSendEvent(d, w, False, mask, &e);
    XFlush(d);
}
} // namespace

void installErrorRecorder()
{
    XSetErrorHandler(recordError);
}

std::vector<std::string> recordedErrors()
{
    return errors;
}

std::map<int, int> errorsByRequest()
{
    return byRequest;
}

unsigned long findPluginWindow(unsigned long top, int& width, int& height)
{
    Connection c;
    if (c.display == nullptr)
        return 0;
    int bestDepth = -1;
    long bestArea = -1;
    Window best = 0;
    width = height = 0;
    deepest(c.display, (Window) top, 0, bestDepth, bestArea, best, width, height);
    return bestDepth > 0 ? best : 0;
}

bool sendDrag(unsigned long window, int fromX, int fromY, int toX, int toY)
{
    Connection c;
    if (c.display == nullptr)
        return false;
    send(c.display, window, ButtonPress, ButtonPressMask, fromX, fromY, 0);
    const int steps = 8;
    for (int i = 1; i <= steps; ++i)
        send(c.display, window, MotionNotify, PointerMotionMask, fromX + (toX - fromX) * i / steps, fromY + (toY - fromY) * i / steps, Button1Mask);
    send(c.display, window, ButtonRelease, ButtonReleaseMask, toX, toY, Button1Mask);
    XSync(c.display, False);
    return true;
}

bool capture(unsigned long window, int& width, int& height, std::vector<uint32_t>& pixels, std::string& error)
{
    Connection c;
    if (c.display == nullptr)
    {
        error = "cannot open the X display";
        return false;
    }
    XWindowAttributes a;
    if (!XGetWindowAttributes(c.display, (Window) window, &a) || a.map_state != IsViewable)
    {
        error = "window is not viewable";
        return false;
    }
    XImage* image = XGetImage(c.display, (Window) window, 0, 0, a.width, a.height, AllPlanes, ZPixmap);
    if (image == nullptr)
    {
        error = "XGetImage failed";
        return false;
    }
    width = a.width;
    height = a.height;
    pixels.resize((size_t) width * height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            pixels[(size_t) y * width + x] = 0xFF000000u | (uint32_t) (XGetPixel(image, x, y) & 0xFFFFFFu);
    XDestroyImage(image);
    return true;
}
} // namespace nshost::x11
