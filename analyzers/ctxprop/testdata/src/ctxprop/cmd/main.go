// Package main: main and init make the root contexts.
package main

import "context"

func init() {
	_ = context.Background()
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	run(ctx)
}

func run(ctx context.Context) {
	_ = context.TODO() // want `context.TODO\(\) ignores ctx`
}
