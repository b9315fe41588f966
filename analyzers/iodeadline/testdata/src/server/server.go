// Package server: HTTP servers that let a slow client hold a connection
// forever (Slowloris), and servers bounded against it.
package server

import (
	"context"
	"net"
	"net/http"
	"time"
)

func serve(h http.Handler) error {
	srv := &http.Server{ // want `http.Server has neither ReadHeaderTimeout nor ReadTimeout: a client that sends its request headers slowly holds a connection and a goroutine forever \(Slowloris\); set ReadHeaderTimeout`
		Addr:         ":8080",
		Handler:      h,
		WriteTimeout: 10 * time.Second,
	}
	return srv.ListenAndServe()
}

func serveTLS(h http.Handler) error {
	return (&http.Server{Addr: ":8443", Handler: h}).ListenAndServeTLS("cert", "key") // want `http.Server has neither ReadHeaderTimeout nor ReadTimeout`
}

func packageServe(h http.Handler, addr string) {
	http.ListenAndServe(":8080", h) // want `http.ListenAndServe serves with an http.Server that has no timeouts: a client that sends its request headers slowly holds a connection and a goroutine forever \(Slowloris\); use an http.Server with ReadHeaderTimeout set`
	http.ListenAndServe(addr, h)    // want `http.ListenAndServe serves`
	l, _ := net.Listen("tcp", ":9000")
	http.Serve(l, h) // want `http.Serve serves with an http.Server that has no timeouts`
}

// A server in an unexported field, served by a method.
type app struct {
	srv *http.Server
}

func newApp(h http.Handler) *app {
	return &app{srv: &http.Server{Addr: ":80", Handler: h}} // want `http.Server has neither ReadHeaderTimeout nor ReadTimeout`
}

func (a *app) run() error  { return a.srv.ListenAndServe() }
func (a *app) stop() error { return a.srv.Shutdown(context.Background()) }
func (a *app) alive() bool { return a.srv != nil }

// Negatives.

func bounded(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: 5 * time.Second}
	return srv.ListenAndServe()
}

func readTimeout(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h, ReadTimeout: 30 * time.Second}
	return srv.ListenAndServe()
}

func setLater(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h}
	srv.ReadHeaderTimeout = time.Second
	return srv.ListenAndServe()
}

// The pprof idiom: a server only local processes can reach.
func pprof() {
	go http.ListenAndServe("localhost:6060", nil)
	go http.ListenAndServe("127.0.0.1:6061", nil)
	l, _ := net.Listen("tcp", "[::1]:6062")
	http.Serve(l, nil)
}

// A listener from elsewhere may be a Unix socket or limited by its maker.
func fromListener(l net.Listener, h http.Handler) {
	http.Serve(l, h)
	srv := &http.Server{Handler: h}
	srv.Serve(l)
}

// A server returned or handed on may be configured by its receiver.
func build(h http.Handler) *http.Server {
	srv := &http.Server{Addr: ":8080", Handler: h}
	return srv
}

func handOver(h http.Handler) {
	srv := &http.Server{Addr: ":8080", Handler: h}
	harden(srv)
	srv.ListenAndServe()
}

func harden(s *http.Server) { s.ReadHeaderTimeout = time.Second }

// A server literal nothing serves with (a configuration template).
func template() http.Server {
	return http.Server{Addr: ":8080"}
}

// Exported fields can be set by the package's users.
type Exported struct {
	Srv *http.Server
}

func (e *Exported) Run() error { return e.Srv.ListenAndServe() }

func NewExported() *Exported { return &Exported{Srv: &http.Server{Addr: ":80"}} }
