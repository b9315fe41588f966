// Package iodeadline defines an Analyzer that reports network I/O that can
// wait forever: HTTP requests with no timeout and no deadline, HTTP servers
// with no read timeout, and connections read or written in a loop without
// a deadline.
//
// # Analyzer iodeadline
//
// iodeadline: report network I/O with no timeout or deadline
//
// The checklist asks for deadlines on I/O. A request, a read or a write on
// the network waits for a peer that may never answer; without a deadline
// the goroutine waits with it, holding its memory, its connection and
// whatever called it.
//
//	client := &http.Client{}                      // no Timeout
//	req, _ := http.NewRequest("GET", url, nil)    // no context
//	resp, err := client.Do(req)                   // can block forever
//
// iodeadline reports:
//
//   - a send (Do, Get, Head, Post, PostForm) on an http.Client with no
//     Timeout whose request carries no context with a deadline;
//   - http.Get, Head, Post, PostForm and http.DefaultClient in an HTTP
//     handler (a function with an http.ResponseWriter parameter);
//   - an http.Server literal with neither ReadHeaderTimeout nor
//     ReadTimeout that the package serves with, and http.ListenAndServe,
//     ListenAndServeTLS, Serve and ServeTLS, whose server has no timeouts
//     (Slowloris);
//   - a connection from Dial or Accept read or written in a loop (directly,
//     through a bufio reader, a scanner or a codec, or by io.Copy) that
//     is never given a deadline.
//
// It stays silent when it cannot see: a context or request from a
// parameter or a field (the caller may have set a deadline), a client,
// server or connection that is passed to other code, returned or stored
// where other packages can reach it (they may configure it), a transport
// of the client's own, a connection that another goroutine closes (the
// other way to unblock a read), a server on a loopback address (the pprof
// idiom http.ListenAndServe("localhost:6060", nil)), test files and
// generated files.
package iodeadline
