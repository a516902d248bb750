using BenchmarkDotNet.Running;

// Pick benchmarks on the command line, e.g. `-- --filter '*Merkle*' --job short`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
