using System.Net;
using System.Net.Sockets;

namespace Carechain.Testing;

/// <summary>Free TCP ports on loopback for nodes under test.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// <paramref name="count"/> distinct free ports, chosen below Linux's ephemeral range
    /// (32768-60999): a node that is stopped and restarted keeps its port, and an outgoing
    /// connection of another process could otherwise be given that port meanwhile. The listeners
    /// stay open until every port is chosen, so no two are the same.
    /// </summary>
    public static int[] Free(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            while (listeners.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, Random.Shared.Next(20_000, 32_000));
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException)
                {
                    listener.Dispose();
                }
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
