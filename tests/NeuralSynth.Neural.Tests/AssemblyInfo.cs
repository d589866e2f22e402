using Xunit;

// Allocation tests read per-thread counters and tiered JIT work from concurrently running tests can land on
// them; the whole suite takes a few seconds, so run it serially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
