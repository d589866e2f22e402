/*
 * NeuralSynth.so, the file a Linux host loads from NeuralSynth.vst3/Contents/x86_64-linux/.
 *
 * The plug-in itself is a NativeAOT library, and NativeAOT fixes the instruction set at compile time: the
 * portable build uses SSE only (no AVX, no FMA), which made the DDSP voices about 10x slower in the plug-in than
 * in the JIT-compiled CLI, and a build for AVX2 or AVX-512 ends the whole process on a CPU without them (the
 * host included). So the bundle carries one build per x86-64 level, and this loader, plain C with no .NET in it,
 * asks the CPU which it can run, loads that one from its own folder and forwards the VST3 module exports to it.
 * If nothing loads, GetPluginFactory returns NULL (the host reports a plug-in that failed to load) and says why
 * on stderr: it never takes the host down.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void *(*factory_fn)(void);
typedef unsigned char (*entry_fn)(void *);
typedef unsigned char (*exit_fn)(void);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void *library;

/* The builds, best first, with the x86-64 level each needs (GCC's names for the psABI levels). */
static const struct { const char *level; const char *file; } builds[] = {
	{ "x86-64-v4", "NeuralSynth-x86-64-v4.so" },
	{ "x86-64-v3", "NeuralSynth-x86-64-v3.so" },
	{ "x86-64-v2", "NeuralSynth-x86-64-v2.so" },
};

static int supports(const char *level)
{
	if (strcmp(level, "x86-64-v4") == 0) return __builtin_cpu_supports("x86-64-v4");
	if (strcmp(level, "x86-64-v3") == 0) return __builtin_cpu_supports("x86-64-v3");
	return __builtin_cpu_supports("x86-64-v2");
}

static void load(void)
{
	Dl_info self;
	char path[PATH_MAX];
	if (!dladdr((void *)&load, &self) || !self.dli_fname) {
		fprintf(stderr, "NeuralSynth: cannot locate its own file; not loaded\n");
		return;
	}
	const char *slash = strrchr(self.dli_fname, '/');
	int folder = slash ? (int)(slash - self.dli_fname) : 1;
	const char *dir = slash ? self.dli_fname : ".";
	__builtin_cpu_init();
	/* NEURALSYNTH_X86_LEVEL=x86-64-v2|v3|v4 caps the choice: tests run every build on one machine. */
	const char *cap = getenv("NEURALSYNTH_X86_LEVEL");
	int capped = cap != NULL;
	for (size_t i = 0; i < sizeof builds / sizeof builds[0]; i++) {
		if (capped && strcmp(cap, builds[i].level) != 0) continue;
		capped = 0;
		if (!supports(builds[i].level)) continue;
		snprintf(path, sizeof path, "%.*s/%s", folder, dir, builds[i].file);
		library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		if (library) {
			if (cap) fprintf(stderr, "NeuralSynth: loaded %s\n", builds[i].file); /* tests ask which */
			return;
		}
		fprintf(stderr, "NeuralSynth: %s: %s\n", path, dlerror());
	}
	fprintf(stderr, "NeuralSynth: no build in %.*s runs on this CPU (x86-64-v2, SSE4.2, is the least)%s%s; not loaded\n",
		folder, dir, cap ? " at or below NEURALSYNTH_X86_LEVEL=" : "", cap ? cap : "");
}

static void *find(const char *name)
{
	pthread_once(&once, load);
	return library ? dlsym(library, name) : NULL;
}

__attribute__((visibility("default"))) void *GetPluginFactory(void)
{
	factory_fn f = (factory_fn)find("GetPluginFactory");
	return f ? f() : NULL;
}

__attribute__((visibility("default"))) unsigned char ModuleEntry(void *handle)
{
	entry_fn f = (entry_fn)find("ModuleEntry");
	return f ? f(handle) : 0;
}

__attribute__((visibility("default"))) unsigned char ModuleExit(void)
{
	exit_fn f = (exit_fn)find("ModuleExit");
	return f ? f() : 1;
}
