using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Carechain.Testing;

/// <summary>
/// A TCP forwarder in front of one node's port that can cut links, for partition tests. Raft over
/// TCP answers on the connection the requester opened, so a link is cut by closing connections:
/// <see cref="Isolate"/> cuts every connection to the target; <see cref="Refuse"/> cuts only the
/// connections whose client sends a given byte string (a Raft member names itself in every vote and
/// append request), so the node behind this proxy stops hearing from one peer and that peer stops
/// hearing answers from it. <see cref="Heal"/> lets everything through again. Cutting closes the
/// existing connections so that each reconnects and is judged afresh.
/// </summary>
public sealed class FaultyTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, Link> _links = new();
    private readonly Task _accepting;
    private volatile byte[][] _refused = [];
    private volatile bool _isolated;
    private int _nextLink;

    public FaultyTcpProxy(IPEndPoint listenOn, IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(listenOn);
        _target = target;
        _listener = new TcpListener(listenOn);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Cuts every connection to the target, now and until <see cref="Heal"/>.</summary>
    public void Isolate()
    {
        _isolated = true;
        CloseAll();
    }

    /// <summary>Cuts every connection whose client sends <paramref name="marker"/>, now and until <see cref="Heal"/>.</summary>
    public void Refuse(byte[] marker)
    {
        _refused = [.. _refused, marker];
        CloseAll();
    }

    public void Heal()
    {
        _isolated = false;
        _refused = [];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CloseAll();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private void CloseAll()
    {
        foreach (var link in _links.Values)
        {
            link.Close();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_isolated)
            {
                client.Dispose();
                continue;
            }

            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        var id = Interlocked.Increment(ref _nextLink);
        var link = new Link(client, server);
        _links[id] = link;
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            await Task.WhenAll(PumpAsync(client, server, inspect: true, link), PumpAsync(server, client, inspect: false, link));
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The node behind went away, or the link was cut.
        }
        finally
        {
            _links.TryRemove(id, out _);
            link.Close();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool inspect, Link link)
    {
        var buffer = new byte[16 * 1024];
        var window = Array.Empty<byte>();
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0 || _isolated)
                {
                    break;
                }

                if (inspect && _refused.Length > 0)
                {
                    // Search the chunk with the tail of the previous one, so a marker split across reads is found.
                    var seen = window.Concat(buffer.Take(read)).ToArray();
                    if (_refused.Any(m => seen.AsSpan().IndexOf(m) >= 0))
                    {
                        break;
                    }

                    window = seen[Math.Max(0, seen.Length - 64)..];
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Cut, or closed at the other end.
        }
        finally
        {
            link.Close();
        }
    }

    private sealed class Link(Socket client, Socket server)
    {
        private int _closed;

        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                client.Dispose();
                server.Dispose();
            }
        }
    }
}
