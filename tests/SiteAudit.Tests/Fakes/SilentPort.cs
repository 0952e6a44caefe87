using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SiteAudit.Tests.Fakes;

/// <summary>
/// A loopback port that accepts TCP connections and never answers: the client connects, sends its request and
/// waits until its own timeout. The way to make a "timeout" without slowing anything else down.
/// </summary>
public sealed class SilentPort : IAsyncDisposable, IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly Task _acceptLoop;
    private int _accepted;

    private SilentPort()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public static SilentPort Start() => new();

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public string Url(string path = "/") => $"http://127.0.0.1:{Port}{(path.StartsWith('/') ? path : "/" + path)}";

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            Interlocked.Increment(ref _accepted);
            _clients.Add(client);
            _ = DrainAsync(client);
        }
    }

    /// <summary>Reads and discards whatever the client sends, so it never blocks on a full buffer; writes nothing.</summary>
    private async Task DrainAsync(TcpClient client)
    {
        var buffer = new byte[4096];
        try
        {
            var stream = client.GetStream();
            while (await stream.ReadAsync(buffer, _stop.Token) > 0) { }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException) { }
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _listener.Stop();
        foreach (var client in _clients) client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Dispose();
        try { await _acceptLoop; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}

/// <summary>Free loopback ports with nothing listening: connecting is refused at once.</summary>
public static class RefusedPort
{
    /// <summary>A port that was free a moment ago; the OS picks ephemeral ports at random, so nothing we start lands on it.</summary>
    public static int Get()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string Url(string path = "/") => $"http://127.0.0.1:{Get()}{(path.StartsWith('/') ? path : "/" + path)}";
}
