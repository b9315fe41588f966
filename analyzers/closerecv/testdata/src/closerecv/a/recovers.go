package a

import "net"

// The receiver closes the queue on a write error; the only sender
// recovers from the panic of a send on the closed channel, by design
// (gobgp's zebra client).
type zclient struct {
	out  chan []byte
	conn net.Conn
}

func newZclient(conn net.Conn) *zclient {
	out := make(chan []byte)
	c := &zclient{out: out, conn: conn}
	go func() {
		for {
			m, more := <-out
			if !more {
				return
			}
			if _, err := conn.Write(m); err != nil {
				closeQueue(out)
				return
			}
		}
	}()
	return c
}

func (c *zclient) Send(m []byte) { // want Send:`chanops -1.out:send`
	defer func() {
		if err := recover(); err != nil {
			_ = err
		}
	}()
	c.out <- m
}

func closeQueue(ch chan []byte) {
	select {
	case _, ok := <-ch:
		if ok {
			close(ch)
		}
	default:
	}
}

// The same without the recover: the close is reported.
type zclient2 struct {
	out  chan []byte
	conn net.Conn
}

func newZclient2(conn net.Conn) *zclient2 {
	c := &zclient2{out: make(chan []byte), conn: conn}
	go func() {
		for m := range c.out {
			if _, err := conn.Write(m); err != nil {
				close(c.out) // want `close\(c.out\) in a function that only receives from c.out`
				return
			}
		}
	}()
	return c
}

func (c *zclient2) Send(m []byte) { c.out <- m } // want Send:`chanops -1.out:send`
