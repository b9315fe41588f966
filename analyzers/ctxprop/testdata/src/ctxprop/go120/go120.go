//go:build go1.20

// Package go120 is analyzed with Go 1.20 semantics: context.WithoutCancel
// does not exist yet, so the message does not suggest it.
package go120

import "context"

func drop(ctx context.Context, work func(context.Context)) {
	work(context.Background()) // want `context.Background\(\) ignores ctx, the context this function was given, so cancellation and deadlines stop here; pass ctx$`
	done := make(chan struct{})
	go func() {
		defer close(done)
		work(context.TODO()) // want `goroutine detaches from ctx with context.TODO\(\) although this function waits for it, so cancelling ctx does not stop it, which is rarely intended; pass ctx$`
	}()
	<-done
}
