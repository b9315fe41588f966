// Package b holds ctxfirst cases reported without a fix, and the shapes
// it must not report.
package b

import (
	"context"
	"net/http"
)

// Exported: callers elsewhere would break.
func Fetch(id string, ctx context.Context) error { // want `context.Context ctx of Fetch comes after id`
	return ctx.Err()
}

// Unexported, but used as a value: its type is part of the program.
func visit(n int, ctx context.Context) {} // want `context.Context ctx of visit comes after n`

var visitor = visit

// Unexported, but one call passes an argument whose evaluation order
// matters.
func load(n int, ctx context.Context) {} // want `context.Context ctx of load comes after n`

func useLoad(ctxs []context.Context) {
	load(1, ctxs[len(ctxs)-1])
}

// Unexported, called through a method expression.
type T struct{}

func (T) run(n int, ctx context.Context) {} // want `context.Context ctx of run comes after n`

func useRun() { T.run(T{}, 1, context.Background()) }

// Unnamed parameters.
func anon(int, context.Context) {} // want `context.Context the unnamed context.Context of anon comes after the unnamed int`

// Two contexts at the front are the function's subject or deliberate
// separate lifetimes (grpc's NewHTTP2Client(connectCtx, ctx context.Context,
// ...), etcd's withClientAuthToken(ctx, ctxWithToken context.Context)).
func merge(ctx, ctxWithToken context.Context) context.Context { return ctx }

func dial(connectCtx, ctx context.Context, addr string) {}

// A second context further down is a second way in for cancellation.
func mixed(ctx context.Context, id string, other context.Context) {} // want `mixed takes another context.Context \(other\) after its other parameters; take one context, first`

// Interface methods and function types.
type Store interface {
	Get(key string, ctx context.Context) ([]byte, error) // want `context.Context ctx of interface method Get comes after key`
	Put(ctx context.Context, key string, val []byte) error
}

type Handler func(req *http.Request, ctx context.Context) // want `context.Context ctx of function type Handler comes after req`

// A method that implements an interface declared here has its order
// dictated by the interface (reported above).
type memStore struct{}

func (memStore) Get(key string, ctx context.Context) ([]byte, error)   { return nil, nil }
func (memStore) Put(ctx context.Context, key string, val []byte) error { return nil }

// A literal whose type is imposed by where it goes is not its author's to
// change; one that defines its own type is.
func literals(h func(int, context.Context)) {
	h(1, context.Background())
	register(func(n int, ctx context.Context) {})
	var typed func(int, context.Context) = func(n int, ctx context.Context) {}
	own := func(n int, ctx context.Context) {} // want `context.Context ctx of this function literal comes after n`
	_, _ = typed, own
}

func register(func(int, context.Context)) {}

type Client struct{ addr string }

func (c *Client) Get(ctx context.Context, path string) error { return ctx.Err() }

// A table of method expressions: the function type takes the receiver
// first, as (*Client).Get does.
type clientMethod func(*Client, context.Context, string) error

var methods = []clientMethod{(*Client).Get}

// A type of another package first is an argument, not a receiver.
type RequestHandler func(*http.Request, context.Context) // want `context.Context of function type RequestHandler comes after`
