// Package a: contexts kept beyond the call that owns them.
package a

import (
	"context"
	"net/http"
	"time"
)

type Client struct {
	ctx  context.Context // want `field ctx of Client stores a context.Context, which ties every method to one caller's cancellation and deadline; pass the context to the methods that need it \(a struct for a single request or stream may keep its context\)`
	addr string
}

type pair struct {
	a, b context.Context // want `field a of pair stores a context.Context` `field b of pair stores a context.Context`
}

var appCtx context.Context

var perConn = map[string]context.Context{}

type registry struct {
	ctxs map[int]context.Context
}

func store(ctx context.Context, r *registry, req *http.Request) {
	appCtx = ctx       // want `context stored in package variable appCtx outlives the call that owns it, so later users see a context that may be cancelled or carry another request's values; pass the context as a parameter instead`
	perConn["x"] = ctx // want `context stored in map perConn outlives the call`
	r.ctxs[1] = ctx    // want `context stored in map r.ctxs outlives the call`
	local := map[int]context.Context{}
	local[1] = ctx // a local map dies with the call
	_ = local
	c := &Client{}
	c.ctx = ctx // this package's field: reported at its declaration
	*req = *req.WithContext(ctx)
}

// Types that are contexts themselves may hold one.
type valueCtx struct {
	context.Context
	key, val any
}

type deadlineCtx struct {
	parent context.Context
}

func (d deadlineCtx) Deadline() (time.Time, bool) { return d.parent.Deadline() }
func (d deadlineCtx) Done() <-chan struct{}       { return d.parent.Done() }
func (d deadlineCtx) Err() error                  { return d.parent.Err() }
func (d deadlineCtx) Value(key any) any           { return d.parent.Value(key) }

// Locals and parameters are the right place.
func good(ctx context.Context) {
	sub, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_ = sub
}

// A struct that makes its own lifetime context and cancels it in Close
// keeps no caller's context.
type Server struct {
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
}

func NewServer() *Server {
	s := &Server{done: make(chan struct{})}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	return s
}

func (s *Server) Close() { s.cancel() }

// The same, made in locals and stored by a literal, from the caller's
// context as the parent.
type worker struct {
	ctx    context.Context
	stop   context.CancelCauseFunc
	period time.Duration
}

func newWorker(parent context.Context) *worker {
	ctx, stop := context.WithCancelCause(parent)
	return &worker{ctx: ctx, stop: stop}
}

func (w *worker) Stop() { w.stop(nil) }

// A cancel function that is never called does not make the context the
// struct's own.
type leaky struct {
	ctx    context.Context // want `field ctx of leaky stores a context.Context`
	cancel context.CancelFunc
}

func newLeaky() *leaky {
	l := &leaky{}
	l.ctx, l.cancel = context.WithCancel(context.Background())
	return l
}

// Also assigned a caller's context somewhere: reported.
type mixed struct {
	ctx    context.Context // want `field ctx of mixed stores a context.Context`
	cancel context.CancelFunc
}

func (m *mixed) start() {
	m.ctx, m.cancel = context.WithCancel(context.Background())
}

func (m *mixed) rebind(ctx context.Context) { m.ctx = ctx }

func (m *mixed) Close() { m.cancel() }

// A context and its cancel function handed to the struct together: the
// pair was made by the caller for this struct's lifetime.
type fetcher struct {
	ctx    context.Context
	cancel func()
}

func newFetcher(ctx context.Context, cancel func()) fetcher {
	return fetcher{ctx: ctx, cancel: cancel}
}

func (f fetcher) stop() { f.cancel() }

func startFetcher() fetcher {
	ctx, cancel := context.WithCancel(context.Background())
	return newFetcher(ctx, cancel)
}
