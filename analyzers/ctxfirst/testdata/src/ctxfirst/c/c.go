// Package c has an in-package test that calls an unexported function with
// a misplaced context: the fix must update the test's call too, so it is
// offered only where the test files are in view.
package c

import "context"

func lookup(key string, ctx context.Context) string { // want `context.Context ctx of lookup comes after key`
	return key
}

func Lookup(ctx context.Context, key string) string { return lookup(key, ctx) }
