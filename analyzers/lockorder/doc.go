// Package lockorder defines an Analyzer that reports two mutexes locked in
// opposite orders: an AB-BA deadlock.
//
// # Analyzer lockorder
//
// lockorder: report two mutexes that the package locks in both orders
//
// A goroutine that holds A and locks B, and another that holds B and locks
// A, wait for each other forever once each has taken its first lock:
//
//	func (s *Server) AddPeer(p *Peer) {
//		s.mu.Lock()
//		defer s.mu.Unlock()
//		p.mu.Lock() // Server.mu then Peer.mu
//		…
//	}
//
//	func (p *Peer) Close() {
//		p.mu.Lock()
//		defer p.mu.Unlock()
//		p.server.removePeer(p) // Peer.mu then Server.mu: removePeer locks s.mu
//	}
//
// The fix is one order for every goroutine: release the first lock before
// taking the second, or take both in the same order everywhere.
//
// lockorder builds the package's lock-order graph: an edge A → B wherever
// B is locked while A is held on every path, directly or in a function the
// call reaches (the chain is named: Close → removePeer), in this package or
// another (facts of the shared lockeffects analyzer). Mutexes are
// matched across functions by their field (s.mu in one method is the same
// mutex of the type as c.mu in another) or variable. It reports each pair
// of mutexes locked in both orders once, at the later acquisition in the
// source, with the other order as related information.
//
// It stays silent when the call that takes the second mutex may release
// the first before (a helper that unlocks its caller's locks around slow
// work and takes them again), when a mutex belongs to an object the function just made
// and has not shared yet, when the two orders are taken by unexported
// functions that one and the same function calls one after the other (one
// goroutine), when a third mutex is held at both acquisitions (a gate
// that serializes them), when all four acquisitions are read locks, when
// one order is in a test file and the other is not (a test that takes a
// type's locks in its own order to stage an interleaving), when the two
// orders are in two tests on objects each test made for itself (local
// variables of different test functions), and for
// two mutexes of the same field of a type (two instances: their order is
// the program's, which the analysis cannot see).
package lockorder
