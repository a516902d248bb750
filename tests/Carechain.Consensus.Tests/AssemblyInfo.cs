// Raft elections are timing-sensitive; running the in-process clusters one at a time keeps two
// cores from starving heartbeats and turning every test into a leader-churn test.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
