package accept

import "net"

func handle(net.Conn) {}

func acceptLoop(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go handle(c) // want `one goroutine per accepted connection`
	}
}
