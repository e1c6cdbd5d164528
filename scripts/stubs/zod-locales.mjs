// Stands in for zod's table of translated error messages (forty languages).
// hyosan writes its own messages (src/story/issues.ts) and never selects a
// locale; zod's English default is imported by zod directly, not from here.
export {};
