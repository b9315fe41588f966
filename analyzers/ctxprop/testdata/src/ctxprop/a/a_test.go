package a

import (
	"context"
	"testing"
)

// Tests make their own contexts.
func helper(ctx context.Context, t *testing.T) {
	_ = context.Background()
}
