import { Controller, Get, Header, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const PUBLIC_FOLDER = join(__dirname, 'public');
const PAGE_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The demo onboarding page: three fixed files, routed like any API route and read once. A static-files
 * middleware mounted in front of the API would `stat()` the disk for every API request (Express), and
 * Fastify would need @fastify/static; three exact routes serve both adapters and cost nothing elsewhere.
 */
@ApiExcludeController()
@Controller()
export class DemoPageController {
  private readonly files = new Map<string, Promise<string>>();

  @Get(['', 'index.html'])
  @Header('Content-Type', 'text/html; charset=utf-8')
  // ES module scripts and the stylesheet from this origin only; nothing inline, never framed.
  @Header('Content-Security-Policy', PAGE_CSP)
  page(): Promise<string> {
    return this.read('index.html');
  }

  @Get('app.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  script(): Promise<string> {
    return this.read('app.js');
  }

  @Get('style.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  style(): Promise<string> {
    return this.read('style.css');
  }

  private read(name: string): Promise<string> {
    let file = this.files.get(name);
    if (!file) {
      file = readFile(join(PUBLIC_FOLDER, name), 'utf8');
      this.files.set(name, file);
      // A missing file (a build without the page) answers 404, and is looked for again next time.
      file.catch(() => this.files.delete(name));
    }
    return file.catch(() => {
      throw new NotFoundException();
    });
  }
}
