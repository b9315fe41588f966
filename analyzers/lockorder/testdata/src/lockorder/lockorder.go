package lockorder

import "sync"

// Server.mu then Peer.mu in AddPeer; Peer.mu then Server.mu in Close,
// through removePeer.
type Server struct {
	mu    sync.Mutex
	peers map[*Peer]bool
}

type Peer struct {
	mu     sync.Mutex
	server *Server
	closed bool
}

func (s *Server) AddPeer(p *Peer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p.mu.Lock()
	s.peers[p] = !p.closed
	p.mu.Unlock()
}

func (s *Server) removePeer(p *Peer) {
	s.mu.Lock()
	delete(s.peers, p)
	s.mu.Unlock()
}

func (p *Peer) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	p.server.removePeer(p) // want `Server.mu and Peer.mu are locked in both orders \(Server.mu then Peer.mu at lockorder.go:21 in AddPeer; Peer.mu then Server.mu at lockorder.go:36 in Close via Close → removePeer\)`
}

// Package-level mutexes taken in both orders by two goroutines.
var (
	accountsMu sync.Mutex
	ledgerMu   sync.Mutex
)

func transfer() {
	accountsMu.Lock()
	ledgerMu.Lock()
	ledgerMu.Unlock()
	accountsMu.Unlock()
}

func audit() {
	ledgerMu.Lock()
	accountsMu.Lock() // want `accountsMu and ledgerMu are locked in both orders`
	accountsMu.Unlock()
	ledgerMu.Unlock()
}

// ---- negatives ----

// One order everywhere.
type cache struct {
	mu    sync.Mutex
	stats struct {
		mu sync.Mutex
		n  int
	}
}

func (c *cache) get() {
	c.mu.Lock()
	c.stats.mu.Lock()
	c.stats.n++
	c.stats.mu.Unlock()
	c.mu.Unlock()
}

func (c *cache) put() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.mu.Lock()
	c.stats.n++
	c.stats.mu.Unlock()
}

// Both orders, but always under a gate lock: they never run at once.
var (
	gate sync.Mutex
	a, b sync.Mutex
)

func ab() {
	gate.Lock()
	defer gate.Unlock()
	a.Lock()
	b.Lock()
	b.Unlock()
	a.Unlock()
}

func ba() {
	gate.Lock()
	defer gate.Unlock()
	b.Lock()
	a.Lock()
	a.Unlock()
	b.Unlock()
}

// Read locks only: readers do not exclude each other.
var rx, ry sync.RWMutex

func readXY() {
	rx.RLock()
	ry.RLock()
	ry.RUnlock()
	rx.RUnlock()
}

func readYX() {
	ry.RLock()
	rx.RLock()
	rx.RUnlock()
	ry.RUnlock()
}

// The first lock is released before the second is taken.
func sequential() {
	ledgerMu.Lock()
	ledgerMu.Unlock()
	accountsMu.Lock()
	accountsMu.Unlock()
}

// Two nodes of one type locked parent then child: two instances of one
// field, whose order the program decides.
type node struct {
	mu     sync.Mutex
	parent *node
}

func (n *node) lockUp() {
	n.mu.Lock()
	n.parent.mu.Lock()
	n.parent.mu.Unlock()
	n.mu.Unlock()
}

// TryLock never waits: used to assert that the caller holds the lock, it
// orders nothing.
type consumer struct {
	mu sync.Mutex
	g  *group
}

type group struct{ mu sync.Mutex }

func (c *consumer) assign() {
	if c.mu.TryLock() {
		c.mu.Unlock()
		panic("assign called without the consumer lock")
	}
}

func (c *consumer) purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.g.mu.Lock()
	c.g.mu.Unlock()
}

func (g *group) revoke(c *consumer) {
	g.mu.Lock()
	defer g.mu.Unlock()
	c.assign()
}

type lockPair struct{ mu, other sync.Mutex }

// Both orders are taken only by functions that one loop calls one after
// the other: a single goroutine, which never waits for itself.
type framer struct {
	mu, controlMu sync.Mutex
	queue         []int
}

func (f *framer) appendFrames() {
	f.controlMu.Lock()
	f.mu.Lock()
	f.queue = f.queue[:0]
	f.mu.Unlock()
	f.controlMu.Unlock()
}

func (f *framer) reset() {
	f.mu.Lock()
	f.controlMu.Lock()
	f.queue = nil
	f.controlMu.Unlock()
	f.mu.Unlock()
}

type conn struct {
	f      framer
	events chan bool
}

func (c *conn) run() {
	for r := range c.events {
		if r {
			c.f.reset()
		} else {
			c.f.appendFrames()
		}
	}
}

// The inner lock belongs to an object this function just made: nobody
// else can hold it yet.
type config struct {
	mu      sync.Mutex
	timeout int
}

type client struct {
	mu      sync.Mutex
	config  *config
	headers map[string]string
}

func (c *client) addHeader(k, v string) {
	c.mu.Lock()
	c.headers[k] = v
	c.mu.Unlock()
}

func (c *client) setTimeout(t int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.config.mu.Lock()
	c.config.timeout = t
	c.config.mu.Unlock()
}

func newClient(cfg *config) *client {
	cfg.mu.Lock()
	defer cfg.mu.Unlock()
	c := &client{config: cfg, headers: map[string]string{}}
	c.addHeader("user-agent", "x")
	return c
}

// A function called from a package-level initializer: its caller is no
// function (this used to crash the callers index).
var defaultFramer = newFramer()

func newFramer() *framer { return &framer{} }
