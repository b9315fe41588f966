package a

import "sync"

// Two methods close ready, each under w.mu and after checking the state
// the other's critical section sets: at most one closes (the wantConn
// shape of net/http).
type wantConn struct {
	mu    sync.Mutex
	ready chan struct{}
	conn  *int
	err   error
}

func (w *wantConn) tryDeliver(conn *int, err error) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn != nil || w.err != nil {
		return false
	}
	w.conn, w.err = conn, err
	close(w.ready)
	return true
}

func (w *wantConn) cancel(err error) {
	w.mu.Lock()
	if w.conn == nil && w.err == nil {
		close(w.ready)
	}
	w.conn, w.err = nil, err
	w.mu.Unlock()
}

// The same two closes without the lock: both can run.
type racyConn struct {
	ready chan struct{}
	done  bool
}

func (r *racyConn) deliver() {
	close(r.ready)
}

func (r *racyConn) cancel() {
	close(r.ready) // want `r.ready is also closed by deliver`
}
