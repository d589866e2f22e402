/*
 * vst3-labels: the display strings of a VST3 plug-in's stepped parameters, read from the bundle itself
 * (its edit controller's getParamStringByValue), so run-ardour-tests.sh can turn "Effect Model=@overdrive"
 * into the step Ardour needs: Ardour 7.3 gives Lua no display strings for VST3 parameters.
 *
 *   vst3-labels <bundle.vst3> <class name>                      every parameter, and each step's label
 *   vst3-labels <bundle.vst3> <class name> <title> <label>      prints step:K for that label (case-insensitive)
 *
 * Plain C against the VST3 ABI (no SDK): dlopen, ModuleEntry, GetPluginFactory, the controller class whose
 * name is <class name>, IPluginBase::initialize(NULL), IEditController::getParameterInfo and
 * getParamStringByValue. Exit status 1 with one "error: ..." line on stderr when anything is missing.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

typedef int32_t tresult;
typedef uint16_t char16;
typedef void* vtbl;

/* IIDs on Linux: the four 32-bit words written big-endian (the SDK's INLINE_UID without COM_COMPATIBLE). */
static const uint8_t IID_IEditController[16] = { 0xDC, 0xD7, 0xBB, 0xE3, 0x77, 0x42, 0x44, 0x8D, 0xA8, 0x74, 0xAA, 0xCC, 0x97, 0x9C, 0x75, 0x9E };

struct PClassInfo {
	uint8_t cid[16];
	int32_t cardinality;
	char category[32];
	char name[64];
};

struct ParameterInfo {
	uint32_t id;
	char16 title[128];
	char16 shortTitle[128];
	char16 units[128];
	int32_t stepCount;
	double defaultNormalizedValue;
	int32_t unitId;
	int32_t flags;
};

#define METHOD(obj, index, type) ((type)((*(vtbl**)(obj))[index]))

static void die(const char* fmt, const char* a, const char* b)
{
	fprintf(stderr, "error: ");
	fprintf(stderr, fmt, a, b);
	fprintf(stderr, "\n");
	exit(1);
}

static void utf16_to_utf8(const char16* in, size_t max, char* out, size_t out_size)
{
	size_t o = 0;
	for (size_t i = 0; i < max && in[i] && o + 4 < out_size; i++) {
		uint32_t c = in[i];
		if (c >= 0xD800 && c < 0xDC00 && i + 1 < max && in[i + 1] >= 0xDC00 && in[i + 1] < 0xE000) {
			c = 0x10000 + ((c - 0xD800) << 10) + (in[i + 1] - 0xDC00);
			i++;
		}
		if (c < 0x80) out[o++] = (char)c;
		else if (c < 0x800) { out[o++] = 0xC0 | (c >> 6); out[o++] = 0x80 | (c & 0x3F); }
		else if (c < 0x10000) { out[o++] = 0xE0 | (c >> 12); out[o++] = 0x80 | ((c >> 6) & 0x3F); out[o++] = 0x80 | (c & 0x3F); }
		else { out[o++] = 0xF0 | (c >> 18); out[o++] = 0x80 | ((c >> 12) & 0x3F); out[o++] = 0x80 | ((c >> 6) & 0x3F); out[o++] = 0x80 | (c & 0x3F); }
	}
	out[o] = 0;
}

int main(int argc, char** argv)
{
	if (argc != 3 && argc != 5) {
		fprintf(stderr, "usage: vst3-labels <bundle.vst3> <class name> [<parameter title> <label>]\n");
		return 2;
	}
	const char* bundle = argv[1];
	const char* class_name = argv[2];

	/* <bundle>/Contents/x86_64-linux/<bundle name without .vst3>.so */
	const char* slash = strrchr(bundle, '/');
	const char* base = slash && slash[1] ? slash + 1 : bundle;
	char name[256];
	snprintf(name, sizeof name, "%s", base);
	size_t n = strlen(name);
	while (n > 0 && name[n - 1] == '/') name[--n] = 0;
	if (n > 5 && strcmp(name + n - 5, ".vst3") == 0) name[n - 5] = 0;
	char path[4096];
#if defined(__aarch64__)
	snprintf(path, sizeof path, "%s/Contents/aarch64-linux/%s.so", bundle, name);
#else
	snprintf(path, sizeof path, "%s/Contents/x86_64-linux/%s.so", bundle, name);
#endif
	void* module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!module) die("cannot load %s: %s", path, dlerror());
	typedef int (*ModuleEntryFn)(void*);
	ModuleEntryFn entry = (ModuleEntryFn)dlsym(module, "ModuleEntry");
	if (entry && !entry(module)) die("%s: ModuleEntry failed%s", path, "");
	typedef void* (*GetFactoryFn)(void);
	GetFactoryFn get_factory = (GetFactoryFn)dlsym(module, "GetPluginFactory");
	if (!get_factory) die("%s exports no GetPluginFactory%s", path, "");
	void* factory = get_factory();
	if (!factory) die("%s: GetPluginFactory returned NULL%s", path, "");

	/* IPluginFactory: 0 queryInterface, 1 addRef, 2 release, 3 getFactoryInfo, 4 countClasses,
	 * 5 getClassInfo, 6 createInstance */
	int32_t count = METHOD(factory, 4, int32_t (*)(void*))(factory);
	void* controller = NULL;
	for (int32_t i = 0; i < count && !controller; i++) {
		struct PClassInfo info;
		if (METHOD(factory, 5, tresult (*)(void*, int32_t, struct PClassInfo*))(factory, i, &info) != 0) continue;
		if (strcmp(info.category, "Component Controller Class") != 0) continue;
		/* the controller's name is "<plug-in name> Controller" or the plug-in's own name */
		char want[128];
		snprintf(want, sizeof want, "%s Controller", class_name);
		if (strcmp(info.name, class_name) != 0 && strcmp(info.name, want) != 0) continue;
		void* obj = NULL;
		if (METHOD(factory, 6, tresult (*)(void*, const void*, const void*, void**))(factory, info.cid, IID_IEditController, &obj) == 0)
			controller = obj;
	}
	if (!controller) {
		/* no class named so: list the controllers */
		fprintf(stderr, "error: no edit controller for '%s' in %s; controller classes:", class_name, path);
		for (int32_t i = 0; i < count; i++) {
			struct PClassInfo info;
			if (METHOD(factory, 5, tresult (*)(void*, int32_t, struct PClassInfo*))(factory, i, &info) == 0
			    && strcmp(info.category, "Component Controller Class") == 0)
				fprintf(stderr, " '%s'", info.name);
		}
		fprintf(stderr, "\n");
		return 1;
	}

	/* IEditController: 0-2 FUnknown, 3 initialize, 4 terminate, 5 setComponentState, 6 setState, 7 getState,
	 * 8 getParameterCount, 9 getParameterInfo, 10 getParamStringByValue, 11 getParamValueByString */
	if (METHOD(controller, 3, tresult (*)(void*, void*))(controller, NULL) != 0) die("controller initialize failed%s%s", "", "");
	int32_t params = METHOD(controller, 8, int32_t (*)(void*))(controller);
	int found_param = 0, result = 1;
	for (int32_t p = 0; p < params; p++) {
		struct ParameterInfo info;
		memset(&info, 0, sizeof info);
		if (METHOD(controller, 9, tresult (*)(void*, int32_t, struct ParameterInfo*))(controller, p, &info) != 0) continue;
		char title[512];
		utf16_to_utf8(info.title, 128, title, sizeof title);
		if (argc == 5 && strcmp(title, argv[3]) != 0) continue;
		if (argc == 3) printf("%u\t%s\tsteps %d\n", info.id, title, info.stepCount);
		found_param = 1;
		if (info.stepCount < 1 || info.stepCount > 4096) continue;
		for (int32_t k = 0; k <= info.stepCount; k++) {
			char16 text[128];
			memset(text, 0, sizeof text);
			double v = (double)k / info.stepCount;
			if (METHOD(controller, 10, tresult (*)(void*, uint32_t, double, char16*))(controller, info.id, v, text) != 0) continue;
			char label[512];
			utf16_to_utf8(text, 128, label, sizeof label);
			if (argc == 3) printf("\tstep:%d\t%s\n", k, label);
			else if (strcasecmp(label, argv[4]) == 0) { printf("step:%d\n", k); result = 0; break; }
		}
		if (argc == 5 && result != 0) {
			fprintf(stderr, "error: '%s' has no value '%s'; its values:", title, argv[4]);
			for (int32_t k = 0; k <= info.stepCount; k++) {
				char16 text[128];
				memset(text, 0, sizeof text);
				if (METHOD(controller, 10, tresult (*)(void*, uint32_t, double, char16*))(controller, info.id, (double)k / info.stepCount, text) != 0) continue;
				char label[512];
				utf16_to_utf8(text, 128, label, sizeof label);
				fprintf(stderr, " '%s'", label);
			}
			fprintf(stderr, "\n");
		}
		if (argc == 5) break;
	}
	if (argc == 5 && !found_param) die("'%s' has no parameter '%s'", class_name, argv[3]);
	if (argc == 3) result = 0;
	fflush(stdout);
	/* leave without terminate/ModuleExit: a NativeAOT runtime is never unloaded, and a quick _exit keeps
	 * its threads from racing the process teardown */
	_exit(result);
}
