// Stands in for react-devtools-core, which Ink imports only to connect to the
// React DevTools when DEV=true. hyosan's bundle never does that.
const devtools = {
  initialize() {},
  connectToDevTools() {},
};
export default devtools;
