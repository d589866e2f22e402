/* A control for the soak's worst blocks: does this machine charge a thread CPU time it did not get?
 * Runs a fixed, register-only unit of work (no memory traffic, no allocation, no system calls inside) every
 * millisecond, as an audio callback would, and times each unit on the thread's CPU clock (CLOCK_THREAD_CPUTIME_ID,
 * as the soak does) and on the monotonic clock. The unit does the same instructions every time, so its CPU time
 * should stay near its median; a unit charged many times the median was not computing for that time.
 * The five units charged the most are listed with their start on the monotonic clock (the soak's clock), so a run
 * beside a soak shows whether the soak's worst blocks and this loop's fell at the same moments.
 *   cc -O2 -o cpu-clock-control cpu-clock-control.c && ./cpu-clock-control [seconds] [unit-microseconds]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

static double work(long iterations)
{
	double a = 1.0, b = 1.0000001, c = 0.9999999, d = 1.0;
	for (long i = 0; i < iterations; i++) {
		a = a * b + 1e-9;
		d = d * c - 1e-9;
	}
	return a + d;
}

static int compare(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 60, unit = (argc > 2 ? atof(argv[2]) : 60) * 1e-6;
	/* Calibrate the iterations to the unit's length. */
	long iterations = 100000;
	double t0 = now(CLOCK_THREAD_CPUTIME_ID);
	volatile double sink = work(iterations);
	iterations = (long)(iterations * unit / (now(CLOCK_THREAD_CPUTIME_ID) - t0));
	long capacity = (long)(seconds * 1000) + 10, n = 0;
	double *cpu = malloc(capacity * sizeof *cpu), *wall = malloc(capacity * sizeof *wall), *start = malloc(capacity * sizeof *start);
	double end = now(CLOCK_MONOTONIC) + seconds;
	struct timespec pause = { 0, 1000000 };
	while (now(CLOCK_MONOTONIC) < end && n < capacity) {
		double c0 = now(CLOCK_THREAD_CPUTIME_ID), w0 = now(CLOCK_MONOTONIC);
		start[n] = w0;
		sink += work(iterations);
		cpu[n] = now(CLOCK_THREAD_CPUTIME_ID) - c0;
		wall[n] = now(CLOCK_MONOTONIC) - w0;
		n++;
		nanosleep(&pause, NULL);
	}
	double worst = 0, worstWall = 0;
	long over2 = 0, over10 = 0;
	for (long i = 0; i < n; i++) {
		if (cpu[i] > worst) { worst = cpu[i]; worstWall = wall[i]; }
	}
	/* The five most charged units, before sorting loses their order: selection by repeated maximum. */
	printf("most charged units (CPU us, wall us, start on the monotonic clock s):");
	for (int k = 0; k < 5; k++) {
		long best = -1;
		for (long i = 0; i < n; i++)
			if (cpu[i] >= 0 && (best < 0 || cpu[i] > cpu[best])) best = i;
		if (best < 0) break;
		printf(" %.0f/%.0f@%.6f", cpu[best] * 1e6, wall[best] * 1e6, start[best]);
		cpu[best] = -cpu[best] - 1; /* marked, restored below */
	}
	printf("\n");
	for (long i = 0; i < n; i++)
		if (cpu[i] < 0) cpu[i] = -(cpu[i] + 1);
	qsort(cpu, n, sizeof *cpu, compare);
	double median = cpu[n / 2];
	for (long i = 0; i < n; i++) {
		over2 += cpu[i] > 2 * median;
		over10 += cpu[i] > 10 * median;
	}
	printf("%ld units of the same work, one per ms, %.0f s: CPU time median %.1f us, p99.9 %.1f us, max %.1f us "
	       "(%.1fx the median; its wall time %.1f us); units over 2x the median: %ld, over 10x: %ld\n",
	       n, seconds, median * 1e6, cpu[(long)(n * 0.999)] * 1e6, worst * 1e6, worst / median, worstWall * 1e6,
	       over2, over10);
	return sink == 42.0;
}
