// Stands in for the `ws` WebSocket package, which Ink loads only with
// DEV=true to reach the React DevTools (itself stubbed: see
// react-devtools-core.mjs). hyosan's bundle never opens a socket.
export default undefined;
