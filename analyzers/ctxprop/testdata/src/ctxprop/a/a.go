// Package a: functions that have a context and drop it.
package a

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"os/exec"

	"ctxprop/twinlib"
)

func roots(ctx context.Context, db *sql.DB) error {
	_, err := db.QueryContext(context.Background(), "SELECT 1") // want `context.Background\(\) ignores ctx, the context this function was given, so cancellation and deadlines stop here; pass ctx \(or context.WithoutCancel\(ctx\) to keep its values without its cancellation\)`
	if err != nil {
		return err
	}
	sub, cancel := context.WithCancel(context.TODO()) // want `context.TODO\(\) ignores ctx`
	defer cancel()
	_ = sub
	return nil
}

func stdlibTwins(ctx context.Context, db *sql.DB) error {
	req, err := http.NewRequest("GET", "http://example.com", nil) // want `http.NewRequest does not take ctx, so the work is not cancelled with the caller; call http.NewRequestWithContext\(ctx, ...\) instead`
	if err != nil {
		return err
	}
	_ = req
	rows, err := db.Query("SELECT ?", 1) // want `Query does not take ctx, so the work is not cancelled with the caller; call QueryContext\(ctx, ...\) instead`
	if err != nil {
		return err
	}
	defer rows.Close()
	cmd := exec.Command("true") // want `exec.Command does not take ctx, .*; call exec.CommandContext`
	_ = cmd
	conn, err := net.Dial("tcp", "localhost:80") // want `net.Dial does not take ctx, so the work is not cancelled with the caller; call \(&net.Dialer\{\}\).DialContext\(ctx, ...\) instead`
	if err != nil {
		return err
	}
	return conn.Close()
}

func thirdParty(ctx context.Context, c *twinlib.Client, w twinlib.Wrapper) {
	_, _ = twinlib.Fetch("u")      // want `twinlib.Fetch does not take ctx`
	_, _ = c.Get("k")              // want `Get does not take ctx`
	_, _ = c.Get("k", "a", "b")    // want `Get does not take ctx`
	_ = c.Do(1)                    // want `Do does not take ctx, .*; call DoWithContext\(ctx, ...\) instead`
	_, _ = w.Get("k")              // want `Get does not take ctx`
	_ = twinlib.Load("x")          // LoadContext takes more parameters
	_ = twinlib.Ping()             // PingContext returns more
	_ = c.Close()                  // CloseContext takes more parameters
	_ = (*twinlib.Client).Do(c, 2) // a method expression: arguments do not line up
	_, _ = twinlib.FetchContext(ctx, "u")
}

// A context-taking function literal that runs on the spot sees its
// enclosing function's context.
func literals(ctx context.Context) {
	func() {
		_, _ = twinlib.Fetch("u") // want `twinlib.Fetch does not take ctx`
	}()
	handler := func(inner context.Context) {
		_ = context.Background() // want `context.Background\(\) ignores inner`
	}
	handler(ctx)
}

// A shadowed name is reported, but without a fix.
func shadowed(ctx context.Context) {
	parent := ctx
	{
		ctx := 1
		_ = ctx
		_, _ = twinlib.Fetch("u") // want `twinlib.Fetch does not take parent|twinlib.Fetch does not take ctx`
	}
	_ = parent
}

// Goroutines that detach with Background although the function waits
// for them.
func spawn(ctx context.Context, work func(context.Context)) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		work(context.Background()) // want `goroutine detaches from ctx with context.Background\(\) although this function waits for it, so cancelling ctx does not stop it, which is rarely intended; pass ctx, or context.WithoutCancel\(ctx\) to detach deliberately`
	}()
	go func() {
		_, _ = twinlib.Fetch("u") // want `twinlib.Fetch does not take ctx`
	}()
	go func() {
		work(context.WithoutCancel(ctx)) // the deliberate detach
	}()
	<-done
}

func spawnGroup(ctx context.Context, work func(context.Context), wg interface{ Wait() }) {
	go work(context.TODO()) // not a literal: the call is made here, on this goroutine // want `context.TODO\(\) ignores ctx`
	go func() {
		work(context.TODO()) // want `goroutine detaches from ctx with context.TODO\(\) although this function waits for it`
	}()
	wg.Wait()
}

// Silent: a fire-and-forget goroutine outlives the function, and ctx with
// it (gopls's mcp server lists roots after the request returns).
func fireAndForget(ctx context.Context, work func(context.Context)) {
	go func() {
		work(context.Background())
	}()
	done := make(chan struct{})
	go func() { <-done }() // a receive inside another goroutine is not a join
}

// Silent: Background as a sentinel in a comparison
// (go-containerregistry's remote.Catalog).
func sentinel(ctx context.Context, opt context.Context) context.Context {
	if opt != context.Background() {
		return opt
	}
	return ctx
}

// Silent: the result is handed to code that decides its lifetime (gopls
// starts its daemon with exec.Command; it must outlive the request).
func startDaemon(ctx context.Context, start func(*exec.Cmd) error) error {
	cmd := exec.Command("daemon")
	return start(cmd)
}

// Silent: no context in scope.
func noContext() {
	_ = context.Background()
	_, _ = twinlib.Fetch("u")
	req, _ := http.NewRequest("GET", "/", nil)
	_ = req
}

// Silent: deferred cleanup runs after ctx may be cancelled, and callbacks
// that are stored run later.
func cleanup(ctx context.Context, stop func(context.Context) error, register func(func())) {
	defer stop(context.Background())
	defer func() {
		_ = stop(context.Background())
	}()
	register(func() {
		_ = stop(context.Background())
	})
	cb := func() { _ = stop(context.Background()) }
	register(cb)
}

// Silent: a blank or unnamed context cannot be passed on.
func blank(_ context.Context) { _ = context.Background() }
func unnamed(context.Context) { _ = context.TODO() }

// Silent: the twin's own implementation, on top of the context-free call.
type Store struct{}

func (s *Store) Get(key string) error                             { return nil }
func (s *Store) GetContext(ctx context.Context, key string) error { return s.Get(key) }

// Silent: the context is attached to the result afterwards (etcd's
// leasehttp.RenewHTTP, etcdserver.HashByRev).
func attachedLater(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req = req.WithContext(ctx)
	return http.DefaultClient.Do(req)
}

// Silent: the hand-made twin, a goroutine whose result is raced against
// ctx.Done() (grpc's credentials.tlsCreds.ClientHandshake).
func handshake(ctx context.Context, c *twinlib.Client) error {
	errc := make(chan error, 1)
	go func() {
		errc <- c.Do(1)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		_ = c.Close()
		return ctx.Err()
	}
}

// Silent: a nil context replaced by a default (go-redis's pool.newConn,
// temporal's slog adapter).
func nilGuard(ctx context.Context) error {
	if ctx == nil {
		ctx = context.Background()
	}
	return ctx.Err()
}

// Silent: a function whose job is to choose the context (go-redis's
// baseClient.context).
type client struct{ timeouts bool }

func (c *client) context(ctx context.Context) context.Context {
	if c.timeouts {
		return ctx
	}
	return context.Background()
}
