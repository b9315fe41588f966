package cancelfield

import (
	"context"
	"time"
)

// A worker that makes its own context and never cancels it.
type worker struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (w *worker) start() {
	w.ctx, w.cancel = context.WithCancel(context.Background()) // want `the cancel function stored in w.cancel is never called by any code of this package`
	go w.run()
}

func (w *worker) run() { <-w.ctx.Done() }

// A timeout kept in a package variable and forgotten.
var (
	shutdownCtx    context.Context
	shutdownCancel context.CancelFunc
)

func armShutdown() {
	shutdownCtx, shutdownCancel = context.WithTimeout(context.Background(), time.Minute) // want `the cancel function stored in shutdownCancel is never called`
}

// Through a local that is only stored.
type poller struct {
	stop context.CancelFunc
}

func (p *poller) start() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	p.stop = cancel // want `the cancel function stored in p.stop is never called`
	return ctx
}

// ---- negatives ----

// The local is also deferred: the context is cancelled.
type session struct {
	cancel context.CancelFunc
}

func (s *session) run(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	s.cancel = cancel
	<-ctx.Done()
}

// Cancelled in Stop.
type server struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (s *server) start() {
	s.ctx, s.cancel = context.WithCancel(context.Background())
}

func (s *server) stop() {
	if s.cancel != nil {
		s.cancel()
	}
}

// Handed to a caller: it may call it.
type job struct {
	cancel context.CancelFunc
}

func (j *job) begin(parent context.Context) (context.Context, context.CancelFunc) {
	var ctx context.Context
	ctx, j.cancel = context.WithCancel(parent)
	return ctx, j.cancel
}

// An exported field: other packages may call it.
type Handle struct {
	Cancel context.CancelFunc
}

func (h *Handle) open() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	h.Cancel = cancel
	return ctx
}

// Called through a deferred call.
type task struct {
	cancel context.CancelFunc
}

func (t *task) do(parent context.Context) {
	var ctx context.Context
	ctx, t.cancel = context.WithTimeout(parent, time.Second)
	defer t.cancel()
	<-ctx.Done()
}

// A cancel kept in an embedded base struct and called by the base's own
// close method: the same field under the base type's name.
type watcherBase struct {
	cancel func()
}

func (b *watcherBase) closeBase() { b.cancel() }

type watcher struct {
	watcherBase
	name string
}

func (w *watcher) start() context.Context {
	var ctx context.Context
	ctx, w.cancel = context.WithCancel(context.Background())
	return ctx
}

func (w *watcher) Close() { w.closeBase() }

// Two bases of one type held by value: closeBase may be called on either;
// a use under the base type's name counts for both (silence when the
// analysis cannot tell which).
type pair struct {
	in, out watcherBase
}

func (p *pair) start() {
	_, p.in.cancel = context.WithCancel(context.Background())
}
