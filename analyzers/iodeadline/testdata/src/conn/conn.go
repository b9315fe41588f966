// Package conn: connections read or written in a loop with no deadline.
package conn

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/json"
	"io"
	"net"
	"os"
	"time"
)

func readLoop(addr string) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	buf := make([]byte, 1024)
	for {
		n, err := c.Read(buf) // want `c is read or written in a loop but never given a deadline: a peer that stops sending or reading blocks this goroutine forever; call c.SetDeadline \(or SetReadDeadline\) before each operation, or close c from another goroutine on cancellation`
		if err != nil {
			return err
		}
		os.Stdout.Write(buf[:n])
	}
}

func scanLines(l net.Listener) {
	c, err := l.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	sc := bufio.NewScanner(c) // want `c is read or written in a loop`
	for sc.Scan() {
		_ = sc.Text()
	}
}

func decodeLoop(addr string) {
	conn, err := tls.Dial("tcp", addr, nil)
	if err != nil {
		return
	}
	dec := json.NewDecoder(conn) // want `conn is read or written in a loop`
	for {
		var v map[string]any
		if dec.Decode(&v) != nil {
			return
		}
	}
}

func proxy(addr string, w io.Writer) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	io.Copy(w, c) // want `c is read or written in a loop`
}

// Negatives.

func withDeadline(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	buf := make([]byte, 1024)
	for {
		c.SetReadDeadline(time.Now().Add(time.Minute))
		if _, err := c.Read(buf); err != nil {
			return
		}
	}
}

// Closing the connection from another goroutine unblocks the read.
func closedOnCancel(ctx context.Context, addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	go func() {
		<-ctx.Done()
		c.Close()
	}()
	buf := make([]byte, 1024)
	for {
		if _, err := c.Read(buf); err != nil {
			return
		}
	}
}

func readerGoroutine(addr string, stop <-chan struct{}) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	go func() {
		buf := make([]byte, 1024)
		for {
			if _, err := c.Read(buf); err != nil {
				return
			}
		}
	}()
	<-stop
	c.Close()
}

// One read, not a loop: a request and its answer.
func once(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	defer c.Close()
	buf := make([]byte, 16)
	c.Read(buf)
}

// The connection handed to a handler, which may set deadlines.
func acceptLoop(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go handle(c)
	}
}

func handle(c net.Conn) {
	buf := make([]byte, 1024)
	for {
		if _, err := c.Read(buf); err != nil {
			return
		}
	}
}

// Datagrams are not streams: a UDP read loop is a server's design.
func udp(addr string) {
	c, err := net.Dial("udp", addr)
	if err != nil {
		return
	}
	buf := make([]byte, 1500)
	for {
		if _, err := c.Read(buf); err != nil {
			return
		}
	}
}

// A dialer's timeout bounds the connect only; a connection from one that
// the function returns is the caller's to bound.
func dialer(ctx context.Context, addr string) (net.Conn, error) {
	d := net.Dialer{Timeout: time.Second}
	c, err := d.DialContext(ctx, "tcp", addr)
	return c, err
}

// One write to each accepted connection: the loop is the accept loop, not
// a write loop on one connection.
func banner(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		c.Write([]byte("hello\n"))
		c.Close()
	}
}

// A read loop on each accepted connection, inside the accept loop, is
// still a read loop.
func serveInline(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		buf := make([]byte, 512)
		for {
			if _, err := c.Read(buf); err != nil { // want `c is read or written in a loop`
				break
			}
		}
		c.Close()
	}
}
