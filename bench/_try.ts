import { benchGatewayOverhead } from './gateway-overhead.ts'
console.log(JSON.stringify(await benchGatewayOverhead(), null, 1))
