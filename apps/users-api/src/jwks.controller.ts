import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, toJwk, VerificationKey } from '@mercato/server';

@ApiTags('auth')
@Public()
@Controller('.well-known')
export class JwksController {
  private readonly keys: { keys: object[] };

  constructor(key: VerificationKey) {
    this.keys = { keys: key.publicKey ? [toJwk(key.publicKey)] : [] };
  }

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Public keys that verify access tokens (RFC 7517)' })
  @ApiOkResponse({ description: '`{ keys: [JWK] }`' })
  jwks() {
    return this.keys;
  }
}
