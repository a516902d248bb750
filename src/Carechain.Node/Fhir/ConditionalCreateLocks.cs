namespace Carechain.Node.Fhir;

/// <summary>
/// One asynchronous lock per key, held by a conditional create from its search to its commit
/// (<see cref="FhirConditionalCreate"/>), so two creates with the same key run one after the other and
/// the second searches after the first committed. Keys are taken in ordinal order, so a transaction that
/// holds several never deadlocks with another; a lock no one holds or waits for is forgotten.
/// </summary>
internal sealed class ConditionalCreateLocks
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits until every one of <paramref name="keys"/> is held by this caller; dispose the answer to release them.</summary>
    public async Task<IDisposable> EnterAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var held = new Held(this);
        try
        {
            foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var gate = Join(key);
                try
                {
                    await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    Leave(key, gate, entered: false);
                    throw;
                }

                held.Add(key, gate);
            }

            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private Gate Join(string key)
    {
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out var gate))
            {
                gate = new Gate();
                _gates.Add(key, gate);
            }

            gate.Users++;
            return gate;
        }
    }

    private void Leave(string key, Gate gate, bool entered)
    {
        if (entered)
        {
            gate.Semaphore.Release();
        }

        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(key);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        /// <summary>Holders and waiters; guarded by the dictionary's lock.</summary>
        public int Users { get; set; }
    }

    /// <summary>The keys one caller holds; releasing twice is harmless.</summary>
    private sealed class Held(ConditionalCreateLocks owner) : IDisposable
    {
        private List<(string Key, Gate Gate)>? _gates = [];

        public void Add(string key, Gate gate) => _gates!.Add((key, gate));

        public void Dispose()
        {
            var gates = Interlocked.Exchange(ref _gates, null);
            foreach (var (key, gate) in gates ?? [])
            {
                owner.Leave(key, gate, entered: true);
            }
        }
    }
}
