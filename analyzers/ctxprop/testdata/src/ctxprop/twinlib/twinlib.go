// Package twinlib stands for a third-party library whose API comes in
// pairs, F and FContext: ctxprop finds the twins from the types alone.
package twinlib

import "context"

func Fetch(url string) (string, error)                             { return "", nil }
func FetchContext(ctx context.Context, url string) (string, error) { return "", nil }

// A twin whose parameters do not line up is not a twin.
func Load(name string) error                                          { return nil }
func LoadContext(ctx context.Context, name string, retries int) error { return nil }

// Nor one whose results differ.
func Ping() error                                   { return nil }
func PingContext(ctx context.Context) (bool, error) { return false, nil }

type Client struct{}

func (*Client) Get(key string, opts ...string) ([]byte, error) { return nil, nil }
func (*Client) GetContext(ctx context.Context, key string, opts ...string) ([]byte, error) {
	return nil, nil
}

func (*Client) Do(n int) error                                     { return nil }
func (*Client) DoWithContext(ctx context.Context, n int) error     { return nil }
func (*Client) Close() error                                       { return nil }
func (*Client) CloseContext(ctx context.Context, force bool) error { return nil }

// Wrapper embeds a Client: its promoted methods have their twins too.
type Wrapper struct{ *Client }
