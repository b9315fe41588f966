// Package client: HTTP requests that can wait forever, and the ways code
// bounds them.
package client

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"
)

func noTimeoutNoContext(u string) error {
	client := &http.Client{}
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req) // want `client.Do sends a request whose context has no deadline with a client with no Timeout: a server that stops responding blocks this call forever; set the client's Timeout or make the request with a context from context.WithTimeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func backgroundContext(u string) {
	client := http.Client{Transport: &http.Transport{MaxIdleConns: 4}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ctx = context.WithValue(ctx, key{}, 1)
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	client.Do(req) // want `client.Do sends a request whose context has no deadline`
}

type key struct{}

func getWithoutTimeout(u string) {
	c := new(http.Client)
	c.Get(u)                    // want `c.Get sends a request with no context and a client with no Timeout`
	c.PostForm(u, url.Values{}) // want `c.PostForm sends a request with no context`
}

// A client in an unexported field that the package never configures.
type api struct {
	http *http.Client
	base string
}

func newAPI(base string) *api {
	return &api{http: &http.Client{}, base: base}
}

func (a *api) fetch() (io.ReadCloser, error) {
	resp, err := a.http.Get(a.base + "/x") // want `a.http.Get sends a request with no context and a client with no Timeout`
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// http.Get in code that serves requests: the handler hangs with the
// upstream.
func handler(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://upstream/") // want `http.Get uses http.DefaultClient, which has no timeout, in code that serves requests`
	if err == nil {
		resp.Body.Close()
	}
	req, _ := http.NewRequest("GET", "http://upstream/", nil)
	http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends a request whose context has no deadline with http.DefaultClient, which has no timeout, in code that serves requests`
	go func() {
		http.Post("http://audit/", "text/plain", nil) // want `http.Post uses http.DefaultClient`
	}()
}

// Negatives.

func withTimeout(u string) {
	client := &http.Client{Timeout: 10 * time.Second}
	client.Get(u)
}

func timeoutSetLater(u string) {
	client := &http.Client{}
	client.Timeout = 5 * time.Second
	client.Get(u)
}

func contextDeadline(u string) {
	client := &http.Client{}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	client.Do(req)
}

func deadlineAddedLater(u string) {
	client := &http.Client{}
	req, _ := http.NewRequest("GET", u, nil)
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Second))
	defer cancel()
	req = req.WithContext(ctx)
	client.Do(req)
}

// The caller's context may carry a deadline.
func callerContext(ctx context.Context, u string) {
	client := &http.Client{}
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	client.Do(req)
}

// The request comes from the caller.
func callerRequest(req *http.Request) {
	client := &http.Client{}
	client.Do(req)
}

// The client escapes to code that may set a Timeout.
func escapes(u string) *http.Client {
	client := &http.Client{}
	configure(client)
	client.Get(u)
	return client
}

func configure(c *http.Client) { c.Timeout = time.Second }

// A client from a parameter, a constructor, or another package.
func fromElsewhere(c *http.Client, u string) {
	c.Get(u)
	mk().Get(u)
}

func mk() *http.Client { return &http.Client{Timeout: time.Second} }

// A transport of its own bounds the wait for headers.
func ownTransport(u string, rt http.RoundTripper) {
	(&http.Client{Transport: rt}).Get(u)
	c := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: time.Second}}
	c.Get(u)
}

// Exported fields may be set by the package's users.
type Exported struct {
	Client *http.Client
}

func (e *Exported) Fetch(u string) {
	e.Client.Get(u)
}

func NewExported() *Exported { return &Exported{Client: &http.Client{}} }

// Outside code that serves requests, http.Get is a command's choice.
func command(u string) {
	http.Get(u)
	http.DefaultClient.Get(u)
}

// In a handler, a request made with the incoming request's context is
// bounded by the client's connection.
func handlerWithRequestContext(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), "GET", "http://upstream/", nil)
	http.DefaultClient.Do(req)
}
