using Xunit;

// The allocation test reads a per-thread counter, the overrun test needs the worker to be the slow party, and the
// machine may be small: run the suite serially so tests do not distort each other's timing.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
