package cancelfield

import (
	"context"
	"errors"
)

var errDial = errors.New("dial")

func dial() error { return errDial }

type client struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (c *client) Close() { c.cancel() }

func (c *client) run() {}

// A constructor that stores the cancel function in the value it makes and
// drops the value on its error path: nothing can call it any more.
func newClient(parent context.Context) (*client, error) {
	ctx, cancel := context.WithCancel(parent)
	c := &client{ctx: ctx, cancel: cancel} // want `the cancel function stored in c.cancel is lost when the return at line 27 drops c, which nothing else holds`
	if err := dial(); err != nil {
		return nil, err
	}
	return c, nil
}

// The same, stored by assignment.
func newClient2(parent context.Context) (*client, error) {
	c := &client{}
	c.ctx, c.cancel = context.WithTimeout(parent, 0) // want `the cancel function stored in c.cancel is lost when the return at line 37 drops c`
	if err := dial(); err != nil {
		return nil, err
	}
	return c, nil
}

// ---- negatives ----

// Cancelled on the error path.
func newClientCancels(parent context.Context) (*client, error) {
	ctx, cancel := context.WithCancel(parent)
	c := &client{ctx: ctx, cancel: cancel}
	if err := dial(); err != nil {
		cancel()
		return nil, err
	}
	return c, nil
}

// Closed on the error path.
func newClientCloses(parent context.Context) (*client, error) {
	c := &client{}
	c.ctx, c.cancel = context.WithCancel(parent)
	if err := dial(); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// A deferred call cancels on error.
func newClientDeferred(parent context.Context) (_ *client, err error) {
	ctx, cancel := context.WithCancel(parent)
	defer func() {
		if err != nil {
			cancel()
		}
	}()
	c := &client{ctx: ctx, cancel: cancel}
	if err := dial(); err != nil {
		return nil, err
	}
	return c, nil
}

// Handed to a goroutine before the return: it may cancel.
func startClient(parent context.Context) error {
	c := &client{}
	c.ctx, c.cancel = context.WithCancel(parent)
	go c.run()
	if err := dial(); err != nil {
		return err
	}
	return nil
}

// Returned on every path.
func newClientAlways(parent context.Context) *client {
	c := &client{}
	c.ctx, c.cancel = context.WithCancel(parent)
	if dial() != nil {
		return c
	}
	return c
}

// An error return before the store loses nothing of the value's.
func newClientEarly(parent context.Context) (*client, error) {
	if err := dial(); err != nil {
		return nil, err
	}
	c := &client{}
	c.ctx, c.cancel = context.WithCancel(parent)
	return c, nil
}

// Two error returns drop the value: both are named.
func newClient3(parent context.Context, strict bool) (*client, error) {
	ctx, cancel := context.WithCancel(parent)
	c := &client{ctx: ctx, cancel: cancel} // want `the cancel function stored in c.cancel is lost when the returns at lines 117, 120 drop c, which nothing else holds`
	if strict {
		return nil, errDial
	}
	if err := dial(); err != nil {
		return nil, err
	}
	return c, nil
}
