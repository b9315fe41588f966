package lockorder

import (
	"sync"
	"testing"
)

// The test holds Peer.mu, then Server.mu, to stage an interleaving against
// production code that takes Server.mu then Peer.mu: not paired.
func TestStaged(t *testing.T) {
	s := &Server{peers: map[*Peer]bool{}}
	p := &Peer{server: s}
	p.mu.Lock()
	s.mu.Lock()
	s.mu.Unlock()
	p.mu.Unlock()
}

// Both orders inside tests: reported.
func TestBothOrders(t *testing.T) {
	var x, y lockPair
	go func() {
		x.mu.Lock()
		y.other.Lock()
		y.other.Unlock()
		x.mu.Unlock()
	}()
	y.other.Lock()
	x.mu.Lock() // want `lockPair.mu and lockPair.other are locked in both orders`
	x.mu.Unlock()
	y.other.Unlock()
}

// Two tests, each on objects of its own: the orders never meet.
type twoLocks struct{ a, b sync.Mutex }

func TestOrderOne(t *testing.T) {
	x := &twoLocks{}
	x.b.Lock()
	x.a.Lock()
	x.a.Unlock()
	x.b.Unlock()
}

func TestOrderTwo(t *testing.T) {
	y := &twoLocks{}
	y.a.Lock()
	y.b.Lock()
	y.b.Unlock()
	y.a.Unlock()
}
