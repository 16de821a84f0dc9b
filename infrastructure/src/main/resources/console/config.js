// Where the console finds the API and how people sign in. The local runtime serves this file as is:
// the API is on the same origin and tokens come from its /dev/tokens route. In AWS, CloudFront
// answers /config.js itself with the values template.yaml was deployed with (see ConsoleConfigFunction).
export default {
  apiBase: '',
  auth: { mode: 'local' },
};
