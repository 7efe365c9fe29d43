package luqiao.map.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page, the embeddable map, the dashboard, the investment map, the users screen and the inspection
 * form, at clean URLs (the files are static resources).
 */
@Controller
class PageController {

    @GetMapping("/login")
    String login() {
        return "forward:/login.html";
    }

    @GetMapping("/embed")
    String embed() {
        return "forward:/embed.html";
    }

    @GetMapping("/dashboard")
    String dashboard() {
        return "forward:/dashboard.html";
    }

    /** The users screen; the page holds no data, its API ({@code /api/admin/users}) answers administrators only. */
    @GetMapping("/admin")
    String admin() {
        return "forward:/admin.html";
    }

    /** The public investment map; embeddable like {@code /embed}. */
    @GetMapping("/invest")
    String invest() {
        return "forward:/invest.html";
    }

    /** The inspection form (一线督战); the page holds no data, its API ({@code /api/inspections}) answers staff only. */
    @GetMapping("/inspect")
    String inspect() {
        return "forward:/inspect.html";
    }
}
